package org.gddim.ld3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.gddim.process.Cld;
import org.gddim.process.Edm;
import org.gddim.process.Vp;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.junit.jupiter.api.Test;

/** LD3's grid map: its initialisation is the logSNR grid (quadratic in time-mode); any logits give a strict grid with exact ends. */
class LogitGridTest {
    @Test
    void uniformLogitsGiveTheLogSnrGridInLambdaMode() {
        Vp vp = Vp.linear();
        LogitGrid g = LogitGrid.of(vp, 1.0, 1e-3, 6);
        assertEquals(GridMode.LAMBDA, g.mode());
        double[] t = g.times(new double[7]);
        TimeGrid expected = TimeGrids.logSnr(vp, 1.0, 1e-3, 6);
        for (int i = 0; i <= 6; i++) {
            assertEquals(expected.at(i), t[i], 1e-12 * expected.at(i), "t[" + i + "]");
        }
    }

    @Test
    void uniformLogitsGiveTheQuadraticGridInTimeMode() {
        Cld cld = Cld.standard();
        LogitGrid g = LogitGrid.of(cld, 1.0, 1e-3, 5);
        assertEquals(GridMode.SQRT_TIME, g.mode());
        double[] t = g.times(new double[6]);
        TimeGrid expected = TimeGrids.power(1.0, 1e-3, 5, 2.0);
        for (int i = 0; i <= 5; i++) {
            assertEquals(expected.at(i), t[i], 1e-15, "t[" + i + "]");
        }
    }

    @Test
    void anyLogitsWithinTheBoundsGiveAStrictGridWithExactEndpoints() {
        SplittableRandom rng = new SplittableRandom(11);
        Edm edm = Edm.standard();
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rng.nextInt(12);
            LogitGrid g = LogitGrid.of(edm, edm.defaultTMax(), edm.defaultTMin(), n);
            double[] theta = new double[n + 1];
            for (int i = 1; i <= n; i++) {
                theta[i] = trial % 3 == 0 ? (rng.nextBoolean() ? 1 : -1) * LogitGrid.THETA_BOUND
                        : rng.nextDouble(-LogitGrid.THETA_BOUND, LogitGrid.THETA_BOUND);
            }
            double[] t = g.times(theta);
            assertEquals(edm.defaultTMax(), t[0], 0.0, "seed 11, trial " + trial);
            assertEquals(edm.defaultTMin(), t[n], 0.0, "seed 11, trial " + trial);
            for (int i = 1; i <= n; i++) {
                assertTrue(t[i] < t[i - 1], "seed 11, trial " + trial + ": t[" + i + "] = " + t[i] + " >= " + t[i - 1]);
            }
            new TimeGrid(t); // the engine's own validation accepts it
        }
    }

    @Test
    void networkTimesStayWithinHalfTheSmallestGapAndKeepTheEnds() {
        Vp vp = Vp.linear();
        LogitGrid g = LogitGrid.of(vp, 1.0, 1e-3, 7);
        SplittableRandom rng = new SplittableRandom(5);
        double[] theta = new double[8];
        double[] s = new double[8];
        for (int i = 1; i <= 7; i++) {
            theta[i] = rng.nextDouble(-2, 2);
            s[i] = rng.nextDouble(-3, 3); // beyond [-1, 1]: clipped
        }
        double[] t = g.times(theta);
        double[] tc = DecoupledTimes.networkTimes(g, t, s);
        assertEquals(t[0], tc[0], 0.0);
        assertEquals(t[7], tc[7], 0.0);
        double delta = Double.POSITIVE_INFINITY;
        for (int i = 1; i <= 7; i++) {
            delta = Math.min(delta, Math.abs(g.coordinate(t[i]) - g.coordinate(t[i - 1])));
        }
        for (int i = 1; i < 7; i++) {
            double shift = Math.abs(g.coordinate(tc[i]) - g.coordinate(t[i]));
            assertTrue(shift <= DecoupledTimes.WIN_RATE * delta * (1 + 1e-9), "offset " + i + ": " + shift + " > w Delta");
            assertTrue(tc[i] < tc[i - 1], "network times decrease");
        }
    }
}
