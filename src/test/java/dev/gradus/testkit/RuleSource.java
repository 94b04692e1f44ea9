package dev.gradus.testkit;

import dev.gradus.CustomRule;
import dev.gradus.testing.property.Gen;
import java.lang.reflect.InvocationTargetException;

/**
 * The rules a child JVM checks, named by a class that can be made again there: a
 * {@link CustomRule}, or a {@link Gen} of them, with a public constructor without parameters.
 */
final class RuleSource {

    private RuleSource() {
    }

    /** The class's name, after checking that {@link #load} can make it. */
    static String nameOf(Class<?> source) {
        load(source.getName());
        return source.getName();
    }

    /**
     * The properties of the rules of the class named {@code className}.
     *
     * @throws IllegalArgumentException if it is neither kind of class, or has no public constructor
     *                                  without parameters
     */
    static CustomRuleProperties load(String className) {
        Object made;
        try {
            made = Class.forName(className).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the constructor of " + className + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(className + " needs a public constructor without parameters", e);
        }
        String name = className.substring(className.lastIndexOf('.') + 1);
        if (made instanceof CustomRule rule) {
            return CustomRuleProperties.of(rule);
        }
        if (made instanceof Gen<?> rules) {
            return CustomRuleProperties.of(name, random -> (CustomRule) rules.next(random));
        }
        throw new IllegalArgumentException(className + " is neither a CustomRule nor a Gen of CustomRules");
    }
}
