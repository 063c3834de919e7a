package org.gddim.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gddim.process.Edm;
import org.gddim.process.Vp;
import org.junit.jupiter.api.Test;

/** Each grid family is uniform in its own coordinate, with exact endpoints, and invalid grids are refused. */
class TimeGridsTest {
    @Test
    void uniformAndQuadraticAreUniformInTheirCoordinate() {
        TimeGrid u = TimeGrids.uniform(1.0, 1e-3, 10);
        TimeGrid q = TimeGrids.power(1.0, 1e-3, 10, 2.0);
        for (int i = 1; i <= 10; i++) {
            assertEquals((1e-3 - 1.0) / 10, u.at(i) - u.at(i - 1), 1e-15);
            assertEquals((Math.sqrt(1e-3) - 1) / 10, Math.sqrt(q.at(i)) - Math.sqrt(q.at(i - 1)), 1e-14);
        }
        assertEquals(1e-3, u.at(10));
        assertEquals(1.0, q.at(0));
    }

    @Test
    void logSnrGridHasEqualLogRhoSteps() {
        Vp vp = Vp.linear();
        TimeGrid g = TimeGrids.make(GridKind.LOGSNR, vp, 1.0, 1e-3, 8);
        double step = (Math.log(vp.rho(1e-3)) - Math.log(vp.rho(1.0))) / 8;
        for (int i = 1; i <= 8; i++) {
            assertEquals(step, Math.log(vp.rho(g.at(i))) - Math.log(vp.rho(g.at(i - 1))), 1e-12);
        }
        assertEquals(1.0, g.at(0));
        assertEquals(1e-3, g.at(8));
    }

    @Test
    void edmGridReproducesKarrasSigmasForTheEdmProcess() {
        // Karras et al. 2022 Eq. 5: sigma_i = (smax^(1/7) + i/(N-1)(smin^(1/7) - smax^(1/7)))^7 (their N-1 = our steps)
        TimeGrid g = TimeGrids.make(GridKind.EDM, Edm.standard(), 80, 0.002, 5);
        for (int i = 0; i <= 5; i++) {
            double expected = Math.pow(Math.pow(80, 1 / 7.0) + i / 5.0 * (Math.pow(0.002, 1 / 7.0) - Math.pow(80, 1 / 7.0)), 7);
            assertEquals(expected, g.at(i), 1e-12 * expected);
        }
    }

    @Test
    void invalidGridsAreRefusedWithTheReason() {
        var e1 = assertThrows(IllegalArgumentException.class, () -> new TimeGrid(new double[] {1.0, 0.5, 0.5}));
        assertTrue(e1.getMessage().contains("not strictly decreasing at t[2]"), e1.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> TimeGrids.uniform(1.0, 2.0, 4));
        assertTrue(e2.getMessage().contains("0 < t_min < T"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeGrids.uniform(1.0, 0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimeGrid(new double[] {1.0, -0.1}));
    }
}
