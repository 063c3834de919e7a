package org.gddim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.gddim.process.Bdm;
import org.gddim.process.Cld;
import org.gddim.process.Fdm;
import org.gddim.process.Process;
import org.gddim.structure.Structure;
import org.gddim.process.Vp;
import org.gddim.testing.Fixtures;
import org.gddim.testing.Moments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The exact GMM oracle on CLD, BDM and FDM (gddim-spec.md 8): its log density against the dense-matrix route
 * ({@link Moments}), and its eps against {@code -R_t^T} times the central-difference gradient of that log density
 * (step 1e-6 of the coordinate's scale; tolerance 1e-6 relative to the largest entry). Seeded states drawn near
 * the diffused law at several t.
 */
class GmmScoreProcessesTest {
    record Case(String name, GaussianMixture gmm, Process process) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(new Case("cld 2-d", Fixtures.gmm2d(), Cld.standard()),
                new Case("cld 8-d", Fixtures.gmm8d(), Cld.standard()),
                new Case("bdm 2x4x3 images", Fixtures.images(3, 2, 4, 3, 5), Bdm.forImages(4, 3)),
                new Case("fdm-vp 2-d", Fixtures.gmm2d(), Fdm.vp()),
                new Case("fdm-edm 8-d", Fixtures.gmm8d(), Fdm.edm()),
                new Case("vp on dct images", Fixtures.images(2, 1, 4, 4, 9), Vp.linear()),
                new Case("cld on dct images", Fixtures.images(2, 1, 3, 4, 11), Cld.standard()));
    }

    private static double[] times(Process p) {
        double lo = p.defaultTMin();
        double hi = p.defaultTMax();
        return new double[] {lo, Math.sqrt(lo * hi), 0.3 * hi, hi};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logDensityMatchesDenseMatrices(Case c) {
        GmmScore score = new GmmScore(c.gmm(), c.process());
        GmmScore.Evaluator ev = score.evaluator();
        for (double t : times(c.process())) {
            Moments m = new Moments(c.gmm(), c.process(), t);
            double[] u = m.sample(4, 17);
            int n = m.means[0].length;
            for (int b = 0; b < 4; b++) {
                double[] x = java.util.Arrays.copyOfRange(u, b * n, (b + 1) * n);
                double want = m.logDensity(x);
                assertEquals(want, ev.logDensity(x, t), 1e-9 * (1 + Math.abs(want)), c + " at t = " + t);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void epsIsMinusFrameTransposeTimesTheGradientOfTheLogDensity(Case c) {
        GmmScore score = new GmmScore(c.gmm(), c.process());
        GmmScore.Evaluator ev = score.evaluator();
        Structure s = c.process().structure();
        for (double t : times(c.process())) {
            Moments m = new Moments(c.gmm(), c.process(), t);
            double[] u = m.sample(2, 23);
            int n = m.means[0].length;
            for (int b = 0; b < 2; b++) {
                double[] x = java.util.Arrays.copyOfRange(u, b * n, (b + 1) * n);
                double[] grad = new double[n];
                for (int i = 0; i < n; i++) {
                    double h = 1e-6 * Math.sqrt(m.covariances[0].getEntry(i, i));
                    double keep = x[i];
                    x[i] = keep + h;
                    double plus = ev.logDensity(x, t);
                    x[i] = keep - h;
                    double minus = ev.logDensity(x, t);
                    x[i] = keep;
                    grad[i] = (plus - minus) / (2 * h);
                }
                double[] want = new double[n];
                s.applyAdd(s.scale(s.transpose(c.process().frame(t)), -1), grad, want);
                double[] got = new double[n];
                ev.eps(x, t, got);
                double scale = Structure.maxAbs(want);
                for (int i = 0; i < n; i++) {
                    assertEquals(want[i], got[i], 1e-6 * scale, c + " at t = " + t + ", element " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dataMarginalIsTheDataBlockOfTheDenseLaw(Case c) {
        GmmScore score = new GmmScore(c.gmm(), c.process());
        double t = Math.sqrt(c.process().defaultTMin() * c.process().defaultTMax());
        DataMarginal marginal = score.dataMarginal(t);
        Moments m = new Moments(c.gmm(), c.process(), t);
        int d = c.gmm().dim();
        for (int k = 0; k < c.gmm().components(); k++) {
            for (int i = 0; i < d; i++) {
                assertEquals(m.means[k][i], marginal.means()[k][i], 1e-12 * (1 + Math.abs(m.means[k][i])), c + " mean");
                for (int j = 0; j < d; j++) {
                    double want = m.covariances[k].getEntry(i, j);
                    assertEquals(want, marginal.covariances()[k][i][j], 1e-12, c + " cov[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void cldStateShapeStacksTheVelocityPlane() {
        GmmScore score = new GmmScore(Fixtures.gmm8d(), Cld.standard());
        assertEquals(DataShape.of(2, 8), score.stateShape());
        assertEquals(DataShape.of(8), score.shape());
    }

    @Test
    void bdmRefusesCovariancesThatAreNotDiagonalInTheDctBasis() {
        var full = GaussianMixture.full(new double[] {1}, new double[][] {{0, 0, 0, 0}},
                new double[][][] {{{1, 0.5, 0, 0}, {0.5, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}}, DataShape.of(1, 2, 2));
        var e = assertThrows(ModelSpecException.class, () -> new GmmScore(full, Bdm.forImages(2, 2)));
        assertTrue(e.getMessage().contains("diagonal in the DCT basis"), e.getMessage());
        SplittableRandom rng = new SplittableRandom(3);
        double[][] var = {{0.3, 0.3, 0.3, 0.3}};
        var iso = GaussianMixture.diagonal(new double[] {1}, new double[][] {{rng.nextDouble(), 0, 0, 1}}, var,
                DataShape.of(1, 2, 2));
        new GmmScore(iso, Bdm.forImages(2, 2)); // isotropic components are diagonal in every basis
    }
}
