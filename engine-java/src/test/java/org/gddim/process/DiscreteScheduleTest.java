package org.gddim.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The betas of a discrete process as parameters: tables against numpy's float64 cumprod of diffusers' formulas
 * (values printed by numpy 1.x: {@code np.cumprod(1 - np.linspace(b0, b1, T))}, squared for scaled_linear), the
 * ddpm-* presets bit for bit the tables they were before they became parameters, and every bad parameter refused
 * by name.
 */
class DiscreteScheduleTest {
    @Test
    void linearAndScaledLinearTablesMatchNumpy() {
        DiscreteVp linear = new DiscreteSchedule(1000, DdpmBetas.LINEAR, 0.01, 0.02, null, 0).process("x");
        assertEquals(0.99, linear.alphaBarAt(0), 1e-15); // diffusers' tests' "first alpha is 0.99"
        assertEquals(0.0018572485074092938, linear.alphaBarAt(499), 1e-12 * 0.0019);
        assertEquals(2.718702306917902e-07, linear.alphaBarAt(999), 1e-12 * 2.7e-7);
        DiscreteVp scaled = new DiscreteSchedule(50, DdpmBetas.SCALED_LINEAR, 0.0001, 0.03, null, 0).process("x");
        assertEquals(50, scaled.trainSteps());
        assertEquals(0.9178012338628347, scaled.alphaBarAt(25), 1e-14);
        assertEquals(0.5827220660265554, scaled.alphaBarAt(49), 1e-14);
    }

    @Test
    void presetsAreTheTablesOfTheirKinds() {
        // the tables the ddpm-* kinds had as fixed names: the formula with the preset's ends at T = 1000
        assertEquals(DiscreteVp.of("ddpm-linear", DdpmBetas.LINEAR.betas(1000), DiscreteVp.Interpolation.LOG_LINEAR, 0),
                ProcessKind.DDPM_LINEAR.create());
        assertEquals(DiscreteVp.of("ddpm-scaled-linear", DdpmBetas.SCALED_LINEAR.betas(1000),
                DiscreteVp.Interpolation.LOG_LINEAR, 1), ProcessKind.DDPM_SCALED_LINEAR.create());
        assertEquals(DiscreteVp.of("ddpm-cosine", DdpmBetas.COSINE.betas(1000), DiscreteVp.Interpolation.LOG_LINEAR, 0),
                ProcessKind.DDPM_COSINE.create());
        assertEquals(ProcessKind.DDPM_LINEAR.create(), ProcessKind.DDPM.create()); // ddpm without parameters
        assertArrayEquals(new double[] {1e-4, 1e-4 + 0.0199 / 999}, java.util.Arrays.copyOf(DiscreteSchedule.LINEAR.betas(), 2), 1e-18);
    }

    @Test
    void cosineIgnoresItsEndsAndTrainedBetasAreTaken() {
        DiscreteSchedule a = new DiscreteSchedule(1000, DdpmBetas.COSINE, 0.3, 0.4, null, 0);
        assertEquals(DiscreteSchedule.COSINE, a); // diffusers ignores beta_start/end for squaredcos_cap_v2
        double[] trained = {0.1, 0.2, 0.3};
        DiscreteVp p = new DiscreteSchedule(3, DdpmBetas.LINEAR, 0.5, 0.6, trained, 0).process("x");
        assertEquals(0.9 * 0.8 * 0.7, p.alphaBarAt(2), 1e-15);
        assertTrue(new DiscreteSchedule(3, null, Double.NaN, Double.NaN, trained, 0).describe().startsWith("ddpm(trained_betas"));
        assertTrue(DiscreteSchedule.SCALED_LINEAR.sameBetas(DiscreteSchedule.SCALED_LINEAR.withStepsOffset(0)));
        assertEquals("ddpm(linear 0.0001..0.02, T 1000, offset 0)", DiscreteSchedule.LINEAR.describe());
    }

    @Test
    void badParametersAreRefusedByName() {
        String[][] cases = {
            {"num_train_timesteps", "1"}, {"beta_start", "0"}, {"beta_end", "1.5"}, {"steps_offset", "-1"},
            {"trained_betas has 2", ""}, {"trained_betas[1]", ""},
        };
        var e = new IllegalArgumentException[] {
            assertThrows(IllegalArgumentException.class, () -> new DiscreteSchedule(1, DdpmBetas.LINEAR, 1e-4, 0.02, null, 0)),
            assertThrows(IllegalArgumentException.class, () -> new DiscreteSchedule(10, DdpmBetas.LINEAR, 0, 0.02, null, 0)),
            assertThrows(IllegalArgumentException.class, () -> new DiscreteSchedule(10, DdpmBetas.LINEAR, 1e-4, 1.5, null, 0)),
            assertThrows(IllegalArgumentException.class, () -> new DiscreteSchedule(10, DdpmBetas.LINEAR, 1e-4, 0.02, null, -1)),
            assertThrows(IllegalArgumentException.class, () -> new DiscreteSchedule(3, null, 0, 0, new double[] {0.1, 0.2}, 0)),
            assertThrows(IllegalArgumentException.class, () -> new DiscreteSchedule(2, null, 0, 0, new double[] {0.1, 1.0}, 0)),
        };
        for (int i = 0; i < cases.length; i++) {
            assertTrue(e[i].getMessage().startsWith(cases[i][0]), e[i].getMessage());
        }
    }
}
