package dev.gradus.internal.vector;

import java.io.IOException;
import java.io.InputStream;
import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Copies of a template loop class, one per option set ({@link LoopOptions} for the rules,
 * {@link ConversionOptions} for the conversions), so that every option set
 * runs a loop of its own that C2 compiles once and shares with no other option set.
 *
 * <p>A loop that tests its options shares one profile and one compiled body among all option
 * sets: C2 compiles the branches the first calls took, traps when a call takes another, and the
 * recompiled loop was not always intrinsified again (a kernel then ran on boxed vectors for the
 * rest of the run; docs/decisions/0010). A copy is the template's class file defined again as a
 * hidden class whose class data is the option bits. The template reads them into
 * {@code static final} flags ({@link #options}), which C2 folds as constants, so each copy's
 * loop holds only the operations its options select, and has its own profile and compiled code.
 * The formula is written once, in the template.
 *
 * <p>Copies are defined on first use, at most one per option set, and kept for the life of the
 * JVM. They hold no state (their fields are the {@code static final} flags, which the JVM's class
 * initialization publishes safely), so a plain array serves them to every thread: a stale read
 * sees null and takes the lock.
 *
 * @param <T> the interface the template implements
 */
final class Specializations<T> {

    private final Class<T> type;
    private final String templateName;
    private final byte[] template;
    private final Object[] copies;

    /**
     * Reads the class file of {@code template}, a class of this package implementing {@code type}
     * with a no-argument constructor, whose option sets are the numbers {@code [0, count)}.
     *
     * @throws IllegalStateException if the class file cannot be read
     */
    Specializations(Class<T> type, Class<? extends T> template, int count) {
        this.type = type;
        this.templateName = template.getSimpleName();
        this.template = classFile(template);
        this.copies = new Object[count];
    }

    private static byte[] classFile(Class<?> template) {
        String name = template.getSimpleName() + ".class";
        try (InputStream in = template.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the class file " + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the class file " + name + " cannot be read", e);
        }
    }

    /** The copy for {@code options}, defined now if this is the first call for them. */
    T of(int options) {
        Object copy = copies[options];
        return copy != null ? type.cast(copy) : define(options);
    }

    private synchronized T define(int options) {
        T copy = type.cast(copies[options]);
        if (copy == null) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup()
                        .defineHiddenClassWithClassData(template, options, true);
                copy = type.cast(lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class))
                        .invoke());
            } catch (Throwable e) {
                throw new IllegalStateException("cannot define the copy of " + templateName + " for options "
                        + Integer.toBinaryString(options), e);
            }
            copies[options] = copy;
        }
        return copy;
    }

    /**
     * The option bits of the copy whose own lookup is {@code copy}; for the static initializer of a
     * template, {@code Specializations.options(MethodHandles.lookup())}.
     *
     * @throws IllegalStateException if called from the template class itself, which is never run
     */
    static int options(MethodHandles.Lookup copy) {
        Integer options;
        try {
            options = MethodHandles.classData(copy, ConstantDescs.DEFAULT_NAME, Integer.class);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        if (options == null) {
            throw new IllegalStateException(copy.lookupClass().getName()
                    + " is a template: only its copies made by Specializations run");
        }
        return options;
    }
}
