package dev.gradus.jmh.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesIndentedObjectsAndArraysInOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 1);
        value.put("a", List.of(true, "x"));
        value.put("empty", List.of());
        assertEquals("""
                {
                  "b": 1,
                  "a": [
                    true,
                    "x"
                  ],
                  "empty": []
                }
                """, JsonWriter.write(value));
    }

    @Test
    void roundTripsThroughTheReader() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
        value.put("numbers", List.of(0.1, -2.5e-12, 1e300, 42.0));
        value.put("nothing", null);
        value.put("nested", Map.of("k", List.of(Map.of())));
        assertEquals(value, JsonReader.parse(JsonWriter.write(value)));
    }

    @Test
    void writesNonFiniteNumbersAsNullWhichReadsBackAsNaN() {
        String json = JsonWriter.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Float.NaN));
        assertEquals(Arrays.asList(null, null, null), JsonReader.parse(json));
        assertEquals(Double.NaN, JsonReader.number(null));
    }

    @Test
    void rejectsOtherTypes() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object()));
    }
}
