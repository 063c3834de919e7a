package org.gddim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.backend.Buffer;
import org.gddim.backend.DType;
import org.gddim.backend.HostBuffer;
import org.gddim.backend.JavaScalar;
import org.gddim.process.DiscreteVp;
import org.gddim.process.Edm;
import org.gddim.process.ProcessKind;
import org.gddim.process.ScalarProcess;
import org.gddim.process.Ve;
import org.gddim.process.Vp;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The adapters against closed forms. On Gaussian data N(mu, s^2 I) the ideal outputs are known:
 * {@code x0 = mu + a s^2 (x - a mu) / (a^2 s^2 + sigma^2)}, {@code eps = sigma (x - a mu) / (a^2 s^2 + sigma^2)},
 * {@code v = a eps - sigma x0}, {@code D(x^, sigma^) = x0}; each adapter must return that eps (float64, 1e-12),
 * and call the network with the label it was trained with. Also on the 8-D mixture through the exact score,
 * and on the native float32 backend.
 */
class PredictionAdapterTest {
    private static final double MU = 0.7;
    private static final double S2 = 0.3;

    /** The ideal network of Gaussian data in convention {@code kind}; records the labels it is called with. */
    static final class Ideal implements NetworkOutput {
        final Prediction kind;
        final ScalarProcess p;
        final List<Double> labels = new ArrayList<>();

        Ideal(Prediction kind, ScalarProcess p) {
            this.kind = kind;
            this.p = p;
        }

        @Override
        public DataShape shape() {
            return DataShape.of(3);
        }

        @Override
        public String describe() {
            return "ideal " + kind;
        }

        @Override
        public void predict(Buffer input, double label, Buffer out, int batch) {
            labels.add(label);
            double t = switch (kind) {
                case EDM_DENOISER -> p.tOfRho(label);
                default -> p instanceof DiscreteVp d ? d.timeOf(label) : label;
            };
            double a = p.alpha(t);
            double sigma = p.sigma(t);
            HostBuffer in = HostBuffer.of(input);
            HostBuffer o = HostBuffer.of(out);
            for (int i = 0; i < batch * 3; i++) {
                double x = kind == Prediction.EDM_DENOISER ? a * in.get(i) : in.get(i); // the denoiser sees x^ = x/a
                double var = a * a * S2 + sigma * sigma;
                double eps = sigma * (x - a * MU) / var;
                double x0 = MU + a * S2 * (x - a * MU) / var;
                o.set(i, switch (kind) {
                    case EPS -> eps;
                    case X0, EDM_DENOISER -> x0;
                    case V -> a * eps - sigma * x0;
                });
            }
        }
    }

    private static double[] eps(ScoreModel model, Backend backend, double[] x, double t) {
        Buffer u = backend.allocate(x.length);
        Buffer out = backend.allocate(x.length);
        HostBuffer.of(u).write(0, x);
        model.eps(u, t, out, x.length / 3);
        double[] e = new double[x.length];
        HostBuffer.of(out).read(0, e);
        return e;
    }

    @ParameterizedTest
    @EnumSource(Prediction.class)
    void everyConventionGivesTheClosedFormEps(Prediction kind) {
        for (ScalarProcess p : List.of(Vp.linear(), Ve.standard(), Edm.standard(), (DiscreteVp) ProcessKind.DDPM_LINEAR.create())) {
            try (Backend b = new JavaScalar(DType.F64)) {
                Ideal net = new Ideal(kind, p);
                var adapter = new PredictionAdapter(net, kind, p, b);
                double[] x = Fixtures.normals(2, 6);
                for (double t : new double[] {p.defaultTMax() * 0.9, p.defaultTMin() * 3, 0.37 * p.defaultTMax()}) {
                    double[] got = eps(adapter, b, x, t);
                    double var = p.alpha(t) * p.alpha(t) * S2 + p.sigma(t) * p.sigma(t);
                    for (int i = 0; i < x.length; i++) {
                        double want = p.sigma(t) * (x[i] - p.alpha(t) * MU) / var;
                        assertEquals(want, got[i], 1e-12 * (1 + Math.abs(want)) * (kind == Prediction.X0 ? 1 / p.sigma(t) : 1),
                                p.name() + " " + kind + " t=" + t);
                    }
                    double label = net.labels.getLast();
                    double wantLabel = kind == Prediction.EDM_DENOISER ? p.rho(t) : p instanceof DiscreteVp d ? 1000 * t - 1 : t;
                    assertEquals(wantLabel, label, 1e-9 * Math.abs(wantLabel), p.name() + " " + kind + " label");
                }
            }
        }
    }

    /** An x0 network built from the exact mixture score: {@code x0 = (x - sigma eps) / a}. */
    static final class MixtureX0 implements NetworkOutput {
        final GmmScore score;
        final ScalarProcess p;

        MixtureX0(GmmScore score, ScalarProcess p) {
            this.score = score;
            this.p = p;
        }

        @Override
        public DataShape shape() {
            return score.shape();
        }

        @Override
        public String describe() {
            return "x0 from " + score.describe();
        }

        @Override
        public void predict(Buffer input, double t, Buffer out, int batch) {
            score.eps(input, t, out, batch);
            HostBuffer in = HostBuffer.of(input);
            HostBuffer o = HostBuffer.of(out);
            for (long i = 0; i < (long) batch * shape().size(); i++) {
                o.set(i, (in.get(i) - p.sigma(t) * o.get(i)) / p.alpha(t));
            }
        }
    }

    @Test
    void aMixtureX0NetworkRoundTripsToItsEpsOnEveryBackend() {
        Vp vp = Vp.linear();
        GmmScore score = new GmmScore(Fixtures.gmm8d(), vp);
        double t = 0.4;
        for (BackendKind kind : List.of(BackendKind.JAVA, BackendKind.NATIVE)) {
            try (Backend b = kind == BackendKind.JAVA ? new JavaScalar(DType.F64) : Backends.open(kind)) {
                double[] x = Fixtures.normals(8, 5 * 8);
                var adapter = new PredictionAdapter(new MixtureX0(score, vp), Prediction.X0, vp, b);
                Buffer u = b.allocate(x.length);
                Buffer want = b.allocate(x.length);
                Buffer got = b.allocate(x.length);
                HostBuffer.of(u).write(0, x);
                score.eps(u, t, want, 5);
                adapter.eps(u, t, got, 5);
                double[] w = new double[x.length];
                double[] g = new double[x.length];
                HostBuffer.of(want).read(0, w);
                HostBuffer.of(got).read(0, g);
                double tol = kind == BackendKind.JAVA ? 1e-12 : 1e-5; // float32: x0 = (x - sigma eps)/a loses ~1e-7 / sigma
                assertEquals(0, Fixtures.relativeRms(g, w), tol, kind.toString());
            }
        }
    }
}
