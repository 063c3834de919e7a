package org.gddim.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The study method names, including the K = L and lambda short forms of the CLD/BDM model reports. */
class MethodSpecTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"gddim3|gddim q=3", "gddim2-L|gddim q=2 K=L", "gddim1-lambda1.0|gddim q=1 lambda=1.0",
        "gddim1-lambda0.5|gddim q=1 lambda=0.5", "em-lambda0|em lambda=0.0", "em|em lambda=1.0", "sscs|sscs"})
    void namesSelectTheSolver(String name, String described) {
        assertEquals(described, MethodSpec.parse(name).solver().describe());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gddim2-lambda1", "gddim5-L", "em-lambda-1", "gddim1-lambda"})
    void otherNamesAreRefused(String name) {
        assertThrows(IllegalArgumentException.class, () -> MethodSpec.parse(name));
    }
}
