package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gddim.model.GmmScore;
import org.gddim.process.Edm;
import org.gddim.process.ScalarProcess;
import org.gddim.process.Ve;
import org.gddim.process.Vp;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.testing.Fixtures;
import org.gddim.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DDIM (written from the DDIM paper) against gDDIM of order 1 (planned by quadrature-free by-parts
 * coefficients): identical to 1e-12 for every scalar process and grid, and exact in one step for Dirac data
 * (gddim-spec.md 1.4 Prop. 4 / 7.3).
 */
class DdimTest {
    static List<ScalarProcess> processes() {
        return List.of(Vp.linear(), Vp.cosine(), Ve.standard(), Edm.standard());
    }

    @ParameterizedTest
    @MethodSource("processes")
    void gddimOrderOneHasDdimsCoefficients(ScalarProcess p) {
        for (GridKind kind : GridKind.values()) {
            if (kind.discrete()) {
                continue; // diffusers' integer spacings are for ddpm-* processes
            }
            TimeGrid grid = TimeGrids.make(kind, p, p.defaultTMax(), p.defaultTMin(), 17);
            List<Op> ddim = new Ddim().plan(p, grid).ops();
            List<Op> gddim = new GDdim(1, Corrector.NONE).plan(p, grid).ops();
            assertEquals(ddim.size(), gddim.size());
            for (int i = 0; i < ddim.size(); i++) {
                if (ddim.get(i) instanceof Op.Step a && gddim.get(i) instanceof Op.Step b) {
                    assertEquals(a.psi()[0], b.psi()[0], 1e-12 * Math.abs(a.psi()[0]), p.name() + " " + kind + " psi " + i);
                    assertEquals(a.c()[0][0], b.c()[0][0], 1e-12 * Math.abs(a.c()[0][0]), p.name() + " " + kind + " c " + i);
                } else {
                    assertEquals(ddim.get(i), gddim.get(i));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("processes")
    void oneDdimStepIsExactForDiracData(ScalarProcess p) {
        // Dirac data at m: eps is constant along the flow, x_t = a_t m + sigma_t eps (spec 1.4), so one step
        // from T to t_min lands exactly on the flow.
        double[] m = {0.7, -1.3, 2.0};
        var score = new GmmScore(Fixtures.dirac(m), p);
        double tMax = p.defaultTMax();
        double tMin = p.defaultTMin();
        double[] xT = Fixtures.normals(3, 3);
        for (int i = 0; i < 3; i++) {
            xT[i] = p.priorStd(tMax) * xT[i];
        }
        double[] got = Runs.runF64(new Ddim(), p, new TimeGrid(new double[] {tMax, tMin}), score, xT, 1);
        for (int i = 0; i < 3; i++) {
            double eps = (xT[i] - p.alpha(tMax) * m[i]) / p.sigma(tMax);
            double exact = p.alpha(tMin) * m[i] + p.sigma(tMin) * eps;
            assertEquals(exact, got[i], 1e-10 * (1 + Math.abs(exact)), p.name() + " element " + i);
        }
    }

    @Test
    void ddimAndGddimOneSampleTheSame() {
        Vp vp = Vp.linear();
        var score = new GmmScore(Fixtures.gmm8d(), vp);
        double[] xT = Fixtures.normals(11, 4 * 8);
        TimeGrid grid = TimeGrids.make(GridKind.LOGSNR, vp, 1.0, 1e-3, 12);
        double[] a = Runs.runF64(new Ddim(), vp, grid, score, xT, 4);
        double[] b = Runs.runF64(new GDdim(1, Corrector.NONE), vp, grid, score, xT, 4);
        assertTrue(Fixtures.relativeRms(a, b) < 1e-12, "relative difference " + Fixtures.relativeRms(a, b));
    }

    @Test
    void ddimRefusesSettingsItDoesNotHave() {
        var e = assertThrows(IllegalArgumentException.class, () -> SolverKind.DDIM.create(2, Corrector.NONE));
        assertTrue(e.getMessage().contains("use gddim"), e.getMessage());
    }
}
