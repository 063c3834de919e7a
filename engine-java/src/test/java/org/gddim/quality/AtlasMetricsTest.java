package org.gddim.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.model.DataShape;
import org.gddim.model.GaussianMixture;
import org.gddim.process.Vp;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Ddim;
import org.gddim.solver.DpmSolverPlusPlus;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The atlas' metrics: SW2 against cases with known answers, the exact diffused-mixture sampler against its
 * moments, and one atlas page end to end (errors fall with NFE, a second-order method beats DDIM, SW2 stays
 * above the noise floor).
 */
class AtlasMetricsTest {
    @Test
    void slicedWassersteinKnownCases() {
        double[] x = Fixtures.normals(1, 3000 * 4);
        SlicedWasserstein sw = new SlicedWasserstein(x, 4, 64, 7);
        assertEquals(0, sw.distance(x), 0);
        double[] shifted = x.clone();
        for (int i = 0; i < shifted.length; i += 4) {
            shifted[i] += 2; // shift (2, 0, 0, 0): each projection moves by 2 theta_0, E[theta_0^2] = 1/4
        }
        assertEquals(1.0, sw.distance(shifted), 0.15);
        double[] line = Fixtures.normals(2, 5000); // 1-D: directions are +-1, SW2 is W2 exactly
        double[] scaled = line.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = 3 * scaled[i] + 0.5;
        }
        SlicedWasserstein one = new SlicedWasserstein(line, 1, 3, 1);
        double w2 = 0; // sorted pairs: (3 y + 0.5 - y)^2 averaged
        double[] sorted = line.clone();
        java.util.Arrays.sort(sorted);
        for (double y : sorted) {
            w2 += (2 * y + 0.5) * (2 * y + 0.5);
        }
        assertEquals(Math.sqrt(w2 / sorted.length), one.distance(scaled), 1e-12);
    }

    @Test
    void exactSamplesHaveTheDiffusedMoments() {
        GaussianMixture one = GaussianMixture.diagonal(new double[] {1}, new double[][] {{1.0, -2.0}}, new double[][] {{0.5, 0.1}},
                DataShape.of(2));
        Vp vp = Vp.linear();
        double t = 0.3;
        double a = vp.alpha(t);
        double s2 = vp.sigma(t) * vp.sigma(t);
        int n = 200_000;
        double[] x = ExactSamples.draw(one, vp, t, n, 3);
        double[] mean = new double[2];
        double[] var = new double[2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                mean[j] += x[2 * i + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                var[j] += (x[2 * i + j] - mean[j]) * (x[2 * i + j] - mean[j]) / n;
            }
        }
        assertEquals(a * 1.0, mean[0], 0.01);
        assertEquals(a * -2.0, mean[1], 0.01);
        assertEquals(a * a * 0.5 + s2, var[0], 0.01);
        assertEquals(a * a * 0.1 + s2, var[1], 0.01);
        double[] mix = ExactSamples.draw(Fixtures.gmm8d(), vp, 1e-3, 50_000, 4); // mixture weights 0.3, .., 0.1
        double[] m0 = new double[8];
        for (int i = 0; i < 50_000; i++) {
            for (int j = 0; j < 8; j++) {
                m0[j] += mix[8 * i + j] / 50_000;
            }
        }
        GaussianMixture g = Fixtures.gmm8d();
        for (int j = 0; j < 8; j++) {
            double want = 0;
            for (int c = 0; c < g.components(); c++) {
                want += g.weights()[c] * g.means()[c][j];
            }
            assertEquals(want * vp.alpha(1e-3), m0[j], 0.05, "mixture mean " + j);
        }
    }

    @Test
    void anAtlasPageRanksMethodsAboveItsNoiseFloor() {
        try (Backend b = Backends.open(BackendKind.NATIVE)) {
            Atlas atlas = new Atlas(Fixtures.gmm8d(), Vp.linear(), b, 300, 5, 32, 1e-9);
            List<MethodSpec> methods = List.of(new MethodSpec("ddim", new Ddim()), new MethodSpec("dpmpp2", new DpmSolverPlusPlus(2, true)));
            var m = atlas.matrix(List.of(GridKind.LOGSNR), methods, new int[] {5, 20, 80});
            Atlas.Cell[] ddim = m.get(0).get(0);
            Atlas.Cell[] dpm = m.get(0).get(1);
            assertTrue(ddim[0].median() > ddim[1].median() && ddim[1].median() > ddim[2].median(), "DDIM errors fall with NFE");
            assertTrue(dpm[2].median() < ddim[2].median() / 5, // the median: the RMS is dominated by mode flips
                    "DPM-Solver++(2M) beats DDIM at 80 NFE: " + dpm[2] + " vs " + ddim[2]);
            assertTrue(atlas.floor() > 0 && dpm[2].sw() > 0.5 * atlas.floor() && dpm[2].sw() < 2 * atlas.floor(),
                    "converged SW2 " + dpm[2].sw() + " is at the floor " + atlas.floor());
            assertTrue(ddim[0].sw() > dpm[2].sw(), "5-step DDIM is farther from the data than converged DPM-Solver++");
            assertEquals(20, dpm[1].nfe());
        }
    }
}
