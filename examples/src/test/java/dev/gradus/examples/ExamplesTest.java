package dev.gradus.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradus.examples.chart.ChartDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {

    @Test
    void theCommandWritesTheNamedChartsIntoTheOutputDirectory(@TempDir Path directory) throws Exception {
        Examples.main(new String[] {"schedules,ewma", "--out", directory.toString()});
        for (String name : new String[] {"schedules", "ewma"}) {
            Path file = directory.resolve(name + ".svg");
            assertTrue(Files.isRegularFile(file), name);
            assertEquals("svg", ChartDocument.parse(Files.readString(file)).rootName());
        }
        try (var files = Files.list(directory)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void anUnknownNameIsRejectedWithTheKnownOnes(@TempDir Path directory) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Examples.main(new String[] {"bowls", "--out", directory.toString()}));
        assertTrue(e.getMessage().contains("bowls") && e.getMessage().contains("bowl, ewma"), e.getMessage());
    }
}
