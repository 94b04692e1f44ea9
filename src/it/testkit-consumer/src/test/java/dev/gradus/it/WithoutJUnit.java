package dev.gradus.it;

import dev.gradus.kernels.KernelProperties;
import dev.gradus.testing.property.Property;
import dev.gradus.testkit.CustomRuleProperties;

/**
 * The test kit run from the core jar and the test jar alone: no JUnit on the class path. Exits 1
 * if JUnit is there after all, or if a check fails.
 */
public final class WithoutJUnit {

    private WithoutJUnit() {
    }

    /**
     * Runs a custom rule's check and a built-in property.
     *
     * @param args none
     */
    public static void main(String[] args) {
        try {
            Class.forName("org.junit.jupiter.api.Assertions");
            System.out.println("JUnit is on the class path: this check would prove nothing");
            System.exit(1);
        } catch (ClassNotFoundException expected) {
            // The point.
        }
        Property.Report custom = CustomRuleProperties.of(new DecayedSgd(1e-4f)).check();
        Property.Report builtIn = KernelProperties.selectedEqualsScalar("adam", 100);
        System.out.println("The test kit without JUnit: " + custom.name() + ", " + custom.tries() + " cases; "
                + builtIn.name() + ", " + builtIn.tries() + " cases");
    }
}
