package org.gddim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gddim.backend.Buffer;
import org.gddim.backend.DType;
import org.gddim.backend.HostBuffer;
import org.gddim.backend.JavaScalar;
import org.gddim.process.Edm;
import org.gddim.process.Fdm;
import org.gddim.process.ScalarProcess;
import org.gddim.process.Vp;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The preconditioning adapter against the exact oracle: a "network" built from the exact EDM-frame denoiser,
 * {@code F = (D_exact(x_hat; sigma) - c_skip x_hat) / c_out} at {@code x_hat = input / c_in}, must give back the exact
 * eps of the process through {@link PreconditionedDenoiser} (float64, 1e-10). With FDM's c_in = mu, the network's
 * input is the state itself.
 */
class PreconditionedDenoiserTest {
    /** The oracle network for preconditioning {@code pre}; sigma recovered from c_noise by {@code sigmaOf}. */
    private static PreconditionedDenoiser.Network oracle(GaussianMixture gmm, Preconditioning pre,
            java.util.function.DoubleUnaryOperator sigmaOf) {
        GmmScore edmFrame = new GmmScore(gmm, Edm.standard()); // x_hat = x_0 + sigma n is EDM's marginal at t = sigma
        return new PreconditionedDenoiser.Network() {
            @Override
            public DataShape shape() {
                return gmm.shape();
            }

            @Override
            public void apply(Buffer input, double cNoise, Buffer output, int batch) {
                double sigma = sigmaOf.applyAsDouble(cNoise);
                int d = gmm.dim();
                double[] x = new double[d];
                double[] eps = new double[d];
                GmmScore.Evaluator ev = edmFrame.evaluator();
                for (int b = 0; b < batch; b++) {
                    HostBuffer.of(input).read((long) b * d, x);
                    double cIn = pre.cIn().applyAsDouble(sigma);
                    for (int i = 0; i < d; i++) {
                        x[i] /= cIn;
                    }
                    ev.eps(x, sigma, eps);
                    double[] f = new double[d];
                    for (int i = 0; i < d; i++) {
                        double denoised = x[i] - sigma * eps[i];
                        f[i] = (denoised - pre.cSkip().applyAsDouble(sigma) * x[i]) / pre.cOut().applyAsDouble(sigma);
                    }
                    HostBuffer.of(output).write((long) b * d, f);
                }
            }
        };
    }

    private static void check(ScalarProcess process, Preconditioning pre, java.util.function.DoubleUnaryOperator sigmaOf) {
        var gmm = Fixtures.gmm2d();
        try (JavaScalar backend = new JavaScalar(DType.F64)) {
            var model = new PreconditionedDenoiser(oracle(gmm, pre, sigmaOf), pre, process, backend);
            GmmScore exact = new GmmScore(gmm, process);
            int batch = 5;
            double[] u = Fixtures.normals(31, batch * 2);
            for (double t : new double[] {process.defaultTMin() * 2, 0.3 * process.defaultTMax()}) {
                Buffer in = backend.allocate(batch * 2);
                Buffer out = backend.allocate(batch * 2);
                Buffer want = backend.allocate(batch * 2);
                double[] scaled = u.clone();
                for (int i = 0; i < scaled.length; i++) {
                    scaled[i] *= process.priorStd(t);
                }
                HostBuffer.of(in).write(0, scaled);
                model.eps(in, t, out, batch);
                exact.eps(in, t, want, batch);
                for (int i = 0; i < batch * 2; i++) {
                    double w = HostBuffer.of(want).get(i);
                    assertEquals(w, HostBuffer.of(out).get(i), 1e-10 * (1 + Math.abs(w)), pre.name() + " at t = " + t);
                }
            }
        }
    }

    @Test
    void edmAndFdmEdmPreconditioningReproduceTheExactEps() {
        check(Edm.standard(), Preconditioning.edm(0.5), c -> Math.exp(4 * c));
        Fdm fdm = Fdm.edm();
        check(fdm, Preconditioning.fdm(Preconditioning.edm(0.5), fdm), c -> Math.exp(4 * c));
    }

    @Test
    void vpAndFdmVpPreconditioningReproduceTheExactEps() {
        Vp vp = Vp.linear();
        java.util.function.DoubleUnaryOperator sigmaOfVp = c -> vp.rho(c / 999);
        check(vp, Preconditioning.vp(), sigmaOfVp);
        Fdm fdm = Fdm.vp();
        check(fdm, Preconditioning.fdm(Preconditioning.vp(), fdm), sigmaOfVp);
    }
}
