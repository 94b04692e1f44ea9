package dev.gradus.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A text resource of this package as written by {@code src/test/python/pytorch_trajectories.py}:
 * lines {@code key value}, where {@code #} starts a comment line and a key may repeat (one line
 * per step). Floats are written as the 8 hex digits of their bits.
 *
 * @param name  the resource's file name
 * @param lines the values of each key, in file order
 */
record ResourceFile(String name, Map<String, List<String>> lines) {

    /** Reads {@code name} from the {@code dev/gradus/conformance} test resources. */
    static ResourceFile read(String name) {
        try (InputStream in = ResourceFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource dev/gradus/conformance/" + name);
            }
            Map<String, List<String>> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .collect(Collectors.groupingBy(line -> line.split(" ", 2)[0], LinkedHashMap::new,
                            Collectors.mapping(line -> line.contains(" ") ? line.split(" ", 2)[1] : "",
                                    Collectors.toList())));
            return new ResourceFile(name, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value of a key that occurs once. */
    String single(String key) {
        List<String> values = all(key);
        if (values.size() != 1) {
            throw new IllegalArgumentException(name + ": key '" + key + "' occurs " + values.size() + " times");
        }
        return values.getFirst();
    }

    /** Every value of {@code key}, in file order. */
    List<String> all(String key) {
        return lines.getOrDefault(key, List.of());
    }

    /** Every value of {@code key}, each a line of hex float bits. */
    List<float[]> floatRows(String key) {
        return all(key).stream().map(ResourceFile::floats).toList();
    }

    /** The floats of a line of space-separated hex bit patterns. */
    static float[] floats(String hexBits) {
        String[] words = hexBits.trim().split(" +");
        float[] values = new float[words.length];
        for (int i = 0; i < words.length; i++) {
            values[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(words[i], 16));
        }
        return values;
    }
}
