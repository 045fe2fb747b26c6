package dev.quorum.envelope.json;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PythonFloatTest {

    /** 2500 doubles (edge cases, decimals, random bit patterns) with python3's repr() and pydantic's JSON text. */
    @Test
    void should_write_every_double_exactly_as_python_repr_and_pydantic_json_do() {
        List<Runnable> checks = new ArrayList<>();
        for (String line : GoldenFixtures.read("python-floats.txt").split("\n")) {
            String[] columns = line.split(" ");
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(columns[0], 16));
            checks.add(() -> assertEquals(columns[1], PythonFloat.repr(value), "repr of bits " + columns[0]));
            checks.add(() -> assertEquals(columns[2], PythonFloat.pydanticJson(value), "pydantic JSON of bits " + columns[0]));
        }
        assertEquals(5000, checks.size(), "fixture should hold 2500 values");
        assertAll(checks.stream().map(check -> check::run));
    }

    /** The decision hash's floats are laid out again from the stored JSON's text: same fixture, python3's own pairs. */
    @Test
    void should_turn_every_pydantic_json_float_into_python_repr_without_parsing_it() {
        List<Runnable> checks = new ArrayList<>();
        for (String line : GoldenFixtures.read("python-floats.txt").split("\n")) {
            String[] columns = line.split(" ");
            checks.add(() -> assertEquals(columns[1], PythonFloat.reprOfPydanticJson(columns[2]), "from pydantic JSON " + columns[2]));
        }
        assertEquals(2500, checks.size());
        assertAll(checks.stream().map(check -> check::run));
    }

    @Test
    void should_name_text_that_is_not_a_json_number() {
        for (String bad : new String[] {"", "-", "abc", "1e", "1.5x", "e5", ".", "1e+x"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> PythonFloat.reprOfPydanticJson(bad));
            assertEquals("not a JSON number: " + bad, refused.getMessage());
        }
    }

    @Test
    void should_refuse_nan_and_infinity() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> PythonFloat.pydanticJson(bad));
            assertThrows(IllegalArgumentException.class, () -> PythonFloat.repr(bad));
        }
    }
}
