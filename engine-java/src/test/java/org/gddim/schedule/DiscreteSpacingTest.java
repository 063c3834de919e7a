package org.gddim.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.gddim.process.DiscreteVp;
import org.gddim.process.ProcessKind;
import org.gddim.process.Vp;
import org.junit.jupiter.api.Test;

/** diffusers' integer spacings (the spec's sanity vectors, numpy's rounding) and the grids made from them. */
class DiscreteSpacingTest {
    private static final DiscreteVp DDPM = (DiscreteVp) ProcessKind.DDPM_LINEAR.create();
    private static final DiscreteVp SD = (DiscreteVp) ProcessKind.DDPM_SCALED_LINEAR.create();

    @Test
    void labelsAreDiffusers() {
        int[] leading50 = DiscreteSpacing.labels(GridKind.LEADING, DDPM, 50);
        assertArrayEquals(new int[] {980, 960, 940}, Arrays.copyOf(leading50, 3));
        assertEquals(0, leading50[49]);
        int[] sd20 = DiscreteSpacing.labels(GridKind.LEADING, SD, 20); // steps_offset = 1: 951, 901, .., 1
        assertArrayEquals(new int[] {951, 901, 851}, Arrays.copyOf(sd20, 3));
        assertEquals(1, sd20[19]);
        assertArrayEquals(new int[] {999, 666, 332}, DiscreteSpacing.labels(GridKind.TRAILING, DDPM, 3));
        assertArrayEquals(new int[] {999, 832, 666, 500, 333, 166, 0}, DiscreteSpacing.labels(GridKind.LINSPACE, DDPM, 7));
        assertArrayEquals(new int[] {0}, DiscreteSpacing.labels(GridKind.LINSPACE, DDPM, 1)); // numpy: linspace(0, 999, 1) = [0]
        int[] trailing10 = DiscreteSpacing.labels(GridKind.TRAILING, DDPM, 10);
        assertEquals(999, trailing10[0]);
        assertEquals(99, trailing10[9]);
    }

    @Test
    void gridsEndAtTheTargetAndDropTheZeroLengthStep() {
        TimeGrid trailing = TimeGrids.make(GridKind.TRAILING, DDPM, 1.0, DDPM.defaultTMin(), 10);
        assertEquals(10, trailing.steps());
        assertEquals(1.0, trailing.at(0), 0);
        assertEquals(0.001, trailing.at(10), 1e-18); // label 0: abar[0]
        assertEquals(99, DDPM.timestep(trailing.at(9)), 1e-9);
        TimeGrid leading = TimeGrids.make(GridKind.LEADING, DDPM, 1.0, DDPM.defaultTMin(), 10); // 900 .. 100, 0
        assertEquals(9, leading.steps());
        assertEquals(900, DDPM.timestep(leading.at(0)), 1e-9);
        TimeGrid sd = TimeGrids.make(GridKind.LEADING, SD, 1.0, SD.defaultTMin(), 20); // 951 .. 1, then abar[0]
        assertEquals(20, sd.steps());
        assertEquals(1, SD.timestep(sd.at(19)), 1e-9);
        for (int i = 0; i < sd.steps(); i++) {
            assertTrue(sd.at(i) > sd.at(i + 1));
        }
        TimeGrid truncated = TimeGrids.make(GridKind.TRAILING, DDPM, 0.5, DDPM.defaultTMin(), 10);
        assertEquals(499, DDPM.timestep(truncated.at(0)), 1e-9);
    }

    @Test
    void continuousProcessesAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TimeGrids.make(GridKind.TRAILING, Vp.linear(), 1, 1e-3, 10));
        assertTrue(e.getMessage().contains("discrete-time"), e.getMessage());
    }
}
