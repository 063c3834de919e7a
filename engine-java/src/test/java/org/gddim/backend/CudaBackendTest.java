package org.gddim.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.gddim.bindings.Cuda;
import org.gddim.model.CudaGmmScore;
import org.gddim.model.GmmScore;
import org.gddim.structure.Structure;
import org.gddim.process.Vp;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Corrector;
import org.gddim.solver.GDdim;
import org.gddim.solver.GraphSampler;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.StepObserver;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cuda backend on a GPU (tag "gpu"; reported as skipped where no GPU is present): every op against the
 * JavaScalar reference with the tolerances of the CPU tests, the device noise equal to the Java noise to 1 ulp,
 * the device GMM oracle equal to GmmScore, a whole run equal to the native backend's, and graph replays equal
 * to direct runs bit for bit. On a machine without a usable GPU, only the refusal is tested.
 */
class CudaBackendTest {
    private static boolean gpu() {
        return Cuda.probe() instanceof Cuda.Usable;
    }

    @Test
    void withoutAGpuTheBackendIsRefusedWithTheReason() {
        assumeTrue(!gpu(), "a GPU is present");
        var e = assertThrows(BackendUnavailableException.class, () -> Backends.open(BackendKind.CUDA));
        assertTrue(e.getMessage().startsWith("backend 'cuda' is unavailable: "), e.getMessage());
        assertTrue(Backends.available().stream().anyMatch(a -> a.kind() == BackendKind.CUDA && !a.available()));
    }

    @Test
    @Tag("gpu")
    void stepMatchesTheReferenceForEveryK() {
        assumeTrue(gpu(), "no usable CUDA device");
        try (Backend ref = new JavaScalar(DType.F32); Backend gpu = Backends.open(BackendKind.CUDA)) {
            SplittableRandom rng = new SplittableRandom(31);
            int n = 100_003;
            for (int k = 0; k <= 4; k++) {
                for (boolean noisy : new boolean[] {false, true}) {
                    float[] u = normals(rng, n);
                    float[][] e = new float[k][];
                    double[][] c = new double[k][];
                    for (int j = 0; j < k; j++) {
                        e[j] = normals(rng, n);
                        c[j] = new double[] {rng.nextDouble(-5, 5)};
                    }
                    float[] z = noisy ? normals(rng, n) : null;
                    double[] s = noisy ? new double[] {0.3} : null;
                    float[] want = step(ref, n, u, e, new double[] {1.3}, c, z, s);
                    float[] got = step(gpu, n, u, e, new double[] {1.3}, c, z, s);
                    for (int i = 0; i < n; i++) {
                        double scale = Math.abs(1.3 * u[i]) + (noisy ? Math.abs(0.3 * z[i]) : 0);
                        for (int j = 0; j < k; j++) {
                            scale += Math.abs(c[j][0] * e[j][i]);
                        }
                        assertTrue(Math.abs(got[i] - want[i]) <= (2 * k + 5) * 0x1.0p-24 * scale + Float.MIN_NORMAL,
                                "k=" + k + " noisy=" + noisy + " i=" + i);
                    }
                }
            }
        }
    }

    @Test
    @Tag("gpu")
    void deviceNoiseIsTheJavaNoise() {
        assumeTrue(gpu(), "no usable CUDA device");
        try (Backend gpu = Backends.open(BackendKind.CUDA)) {
            int batch = 300;
            int dim = 37;
            Buffer z = gpu.allocate((long) batch * dim);
            gpu.normal(z, 99, 2, 1000, batch, dim);
            float[] got = new float[batch * dim];
            gpu.read(z, 0, got);
            float[] want = new float[batch * dim];
            GaussianNoise.fill(99, 2, 1000, batch, dim, want, 0);
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(got[i] - want[i]) <= Math.ulp(want[i]), "element " + i);
            }
        }
    }

    @Test
    @Tag("gpu")
    void deviceGmmOracleIsTheJavaOracle() {
        assumeTrue(gpu(), "no usable CUDA device");
        Vp vp = Vp.linear();
        try (CudaBackend gpu = (CudaBackend) Backends.open(BackendKind.CUDA)) {
            var model = new CudaGmmScore(Fixtures.gmm8d(), vp, gpu);
            GmmScore ref = new GmmScore(Fixtures.gmm8d(), vp);
            int batch = 256;
            float[] u = new float[batch * 8];
            GaussianNoise.fill(3, 0, 0, batch, 8, u, 0);
            Buffer in = gpu.allocate(u.length);
            Buffer out = gpu.allocate(u.length);
            gpu.write(in, 0, u);
            for (double t : new double[] {1e-3, 0.3, 0.9}) {
                model.prepare(new double[] {t}, batch);
                model.eps(in, t, out, batch);
                float[] got = new float[u.length];
                gpu.read(out, 0, got);
                double[] row = new double[8];
                double[] want = new double[8];
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < 8; i++) {
                        row[i] = u[b * 8 + i];
                    }
                    ref.evaluator().eps(row, t, want);
                    for (int i = 0; i < 8; i++) {
                        assertEquals(want[i], got[b * 8 + i], 2e-6 * (1 + Math.abs(want[i])), "t=" + t + " b=" + b);
                    }
                }
            }
        }
    }

    @Test
    @Tag("gpu")
    void aGpuRunMatchesTheNativeRunAndGraphReplaysMatchDirectRuns() {
        assumeTrue(gpu(), "no usable CUDA device");
        Vp vp = Vp.linear();
        Plan plan = new GDdim(3, Corrector.NONE).plan(vp, TimeGrids.make(GridKind.LOGSNR, vp, 1.0, 1e-3, 20));
        int batch = 4096;
        float[] xT = new float[batch * 8];
        GaussianNoise.fill(7, 0, 0, batch, 8, xT, 0);
        float[] nativeOut;
        try (Backend nat = Backends.open(BackendKind.NATIVE)) {
            nativeOut = run(nat, new GmmScore(Fixtures.gmm8d(), vp), plan, xT, batch, false);
        }
        try (CudaBackend gpu = (CudaBackend) Backends.open(BackendKind.CUDA)) {
            var model = new CudaGmmScore(Fixtures.gmm8d(), vp, gpu);
            model.prepare(plan.evalTimes(), batch);
            float[] direct = run(gpu, model, plan, xT, batch, false);
            float[] graph = run(gpu, model, plan, xT, batch, true);
            assertArrayEquals(direct, graph, "graph replay differs from the direct run");
            for (int i = 0; i < direct.length; i++) {
                assertEquals(nativeOut[i], direct[i], 1e-4 * (1 + Math.abs(nativeOut[i])), "element " + i);
            }
        }
    }

    private static float[] run(Backend b, org.gddim.model.ScoreModel model, Plan plan, float[] xT, int batch, boolean graph) {
        SamplerState state = new SamplerState(b, plan, batch, 8);
        b.write(state.u(), 0, xT);
        if (graph && b instanceof CudaBackend cuda) {
            try (GraphSampler g = new GraphSampler(plan, model, b, state, cuda::capture)) {
                g.run(StepObserver.NONE);
                b.write(state.u(), 0, xT); // a second replay of the same graph must give the same result
                g.run(StepObserver.NONE);
            }
        } else {
            Sampler.run(plan, model, b, state, StepObserver.NONE);
        }
        float[] out = new float[xT.length];
        b.read(state.u(), 0, out);
        return out;
    }

    private static float[] step(Backend b, int n, float[] u, float[][] e, double[] psi, double[][] c, float[] z, double[] s) {
        Buffer src = b.allocate(n);
        b.write(src, 0, u);
        Buffer[] eps = new Buffer[e.length];
        for (int j = 0; j < e.length; j++) {
            eps[j] = b.allocate(n);
            b.write(eps[j], 0, e[j]);
        }
        Buffer zb = null;
        if (z != null) {
            zb = b.allocate(n);
            b.write(zb, 0, z);
        }
        b.step(Structure.SCALAR, n, src, src, psi, eps, c, e.length, zb, s);
        float[] out = new float[n];
        b.read(src, 0, out);
        return out;
    }

    private static float[] normals(SplittableRandom rng, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) rng.nextGaussian();
        }
        return f;
    }
}
