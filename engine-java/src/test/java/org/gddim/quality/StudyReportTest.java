package org.gddim.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The NFE-matching arithmetic and the Fréchet distance against closed forms. */
class StudyReportTest {
    @Test
    void nfeToReachInterpolatesInLogLog() {
        var row = new DistributionStudy.Row("em", new int[] {10, 100, 1000}, new double[] {1e-1, 1e-3, 1e-5},
                new double[3], 0);
        int[] nfe = {10, 100, 1000};
        assertEquals(Math.sqrt(10 * 100.0), StudyReport.nfeToReach(row, nfe, 1e-2), 1e-9);
        assertEquals(10, StudyReport.nfeToReach(row, nfe, 1), 0);
        assertTrue(Double.isNaN(StudyReport.nfeToReach(row, nfe, 1e-6)));
        assertEquals("more than 1000 NFE", StudyReport.reach(row, nfe, 1e-6));
    }

    @Test
    void frechetDistanceOfGaussiansMatchesTheClosedForm() {
        // 1-D: (m1 - m2)^2 + (s1 - s2)^2; diagonal: the sum over coordinates
        assertEquals(0.25 + 1.0, FrechetDistance.of(new double[] {0}, new double[][] {{1}}, new double[] {0.5}, new double[][] {{4}}),
                1e-12);
        double fd = FrechetDistance.of(new double[] {0, 0}, new double[][] {{1, 0}, {0, 9}}, new double[] {1, 0},
                new double[][] {{4, 0}, {0, 1}});
        assertEquals(1 + 1 + 4, fd, 1e-12);
        double[][] c = {{2, 0.5}, {0.5, 1}};
        assertEquals(0, FrechetDistance.of(new double[] {1, 2}, c, new double[] {1, 2}, c), 1e-12);
    }
}
