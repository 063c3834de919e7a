package org.gddim.model.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gddim.io.AtomicFiles;
import org.gddim.model.GaussianMixture;
import org.gddim.process.Edm;
import org.gddim.process.Process;
import org.gddim.process.Ve;
import org.gddim.process.Vp;
import org.gddim.process.VpSchedule;

/**
 * Writes the exact eps of a Gaussian mixture under a process as an ONNX graph, so the ONNX path has a network
 * with a known answer (it equals org.gddim.model.GmmScore to float32 rounding). The graph computes in double:
 * inputs x (batch, shape...) and t (batch) are cast to float64; a_t and sigma_t follow the process in closed form
 * (VP linear, VE, EDM); then, per component in its eigenbasis, y = U^T (x - a m), var = a^2 lambda + sigma^2,
 * logits = log w - 1/2 sum log var - 1/2 sum y^2 / var, eps = sigma sum_k softmax(logits)_k U (y / var); the output
 * is cast back to float32. Metadata: eps prediction, the process, time input t.
 */
public final class GmmOnnx {
    private GmmOnnx() {}

    public static void write(GaussianMixture gmm, Process process, Path file) throws IOException {
        AtomicFiles.write(file, bytes(gmm, process));
    }

    static byte[] bytes(GaussianMixture gmm, Process process) {
        int k = gmm.components();
        int d = gmm.dim();
        int[] dims = gmm.shape().dims();
        OnnxGraph g = new OnnxGraph("gmm_eps");
        long[] inShape = new long[dims.length + 1];
        inShape[0] = -1;
        for (int i = 0; i < dims.length; i++) {
            inShape[i + 1] = dims[i];
        }
        g.input("x", inShape);
        g.input("t", -1);
        String x = g.op("Reshape", g.op("Cast", List.of("x"), Map.of("to", (long) OnnxGraph.DOUBLE)), g.ints(-1, d)); // (B, D)
        String t = g.op("Unsqueeze", g.op("Cast", List.of("t"), Map.of("to", (long) OnnxGraph.DOUBLE)), g.ints(1)); // (B, 1)
        String[] as = scales(g, process, t); // a (B, 1), sigma^2 (B, 1), sigma (B, 1)
        String a3 = g.op("Unsqueeze", as[0], g.ints(2)); // (B, 1, 1)
        double[] means = new double[k * d];
        double[] lambda = new double[k * d];
        double[] u = new double[k * d * d];
        double[] ut = new double[k * d * d];
        double[] logw = new double[k];
        for (int c = 0; c < k; c++) {
            logw[c] = Math.log(gmm.weights()[c]);
            for (int i = 0; i < d; i++) {
                means[c * d + i] = gmm.means()[c][i];
                lambda[c * d + i] = gmm.eigenvalues()[c][i];
                for (int j = 0; j < d; j++) {
                    double uij = gmm.bases()[c] == null ? (i == j ? 1 : 0) : gmm.bases()[c][i][j];
                    u[(c * d + i) * d + j] = uij;
                    ut[(c * d + j) * d + i] = uij;
                }
            }
        }
        String diff = g.op("Sub", g.op("Unsqueeze", x, g.ints(1)), g.op("Mul", a3, g.constant(means, 1, k, d))); // (B,K,D)
        String y = g.op("Squeeze", g.op("MatMul", g.op("Unsqueeze", diff, g.ints(2)), g.constant(u, k, d, d)), g.ints(2));
        String var = g.op("Add", g.op("Mul", g.op("Mul", a3, a3), g.constant(lambda, 1, k, d)),
                g.op("Unsqueeze", as[1], g.ints(2)));
        String v = g.op("Div", y, var);
        Map<String, Long> noKeep = Map.of("keepdims", 0L);
        String quad = g.op("ReduceSum", List.of(g.op("Mul", y, v), g.ints(2)), noKeep); // (B, K)
        String logdet = g.op("ReduceSum", List.of(g.op("Log", var), g.ints(2)), noKeep);
        String half = g.constant(new double[] {0.5}, 1);
        String logits = g.op("Sub", g.op("Sub", g.constant(logw, k), g.op("Mul", half, logdet)), g.op("Mul", half, quad));
        String pi = g.op("Softmax", List.of(logits), Map.of("axis", 1L));
        String cv = g.op("Squeeze", g.op("MatMul", g.op("Unsqueeze", v, g.ints(2)), g.constant(ut, k, d, d)), g.ints(2));
        String sum = g.op("ReduceSum", List.of(g.op("Mul", g.op("Unsqueeze", pi, g.ints(2)), cv), g.ints(1)), noKeep);
        long[] outShape = new long[dims.length + 1];
        outShape[0] = -1;
        System.arraycopy(inShape, 1, outShape, 1, dims.length);
        String eps = g.op("Cast", List.of(g.op("Mul", sum, as[2])), Map.of("to", (long) OnnxGraph.FLOAT));
        g.opNamed("eps", "Reshape", List.of(eps, g.ints(outShape)), Map.of());
        g.output("eps", outShape);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("gddim.prediction", "eps");
        meta.put("gddim.process", process.name());
        meta.put("gddim.time_input", "t");
        StringBuilder shape = new StringBuilder();
        for (int dim : dims) {
            shape.append(shape.isEmpty() ? "" : ",").append(dim);
        }
        meta.put("gddim.input_shape", shape.toString());
        meta.put("gddim.name", "gmm-eps K=" + k + " D=" + d + " " + process.name());
        return g.model("gddim-java GmmOnnx", meta);
    }

    /** a_t, sigma_t^2 and sigma_t as (B, 1) double tensors, in closed form for the process. */
    private static String[] scales(OnnxGraph g, Process process, String t) {
        return switch (process) {
            case Vp(VpSchedule.LinearBeta lb) -> {
                String logAbar = g.op("Add", g.op("Mul", g.constant(new double[] {-lb.betaMin()}, 1), t),
                        g.op("Mul", g.constant(new double[] {-0.5 * (lb.betaMax() - lb.betaMin())}, 1), g.op("Mul", t, t)));
                String a = g.op("Exp", g.op("Mul", g.constant(new double[] {0.5}, 1), logAbar));
                String s2 = g.op("Sub", g.constant(new double[] {1.0}, 1), g.op("Exp", logAbar));
                yield new String[] {a, s2, g.op("Sqrt", s2)};
            }
            case Ve ve -> {
                String s = g.op("Mul", g.constant(new double[] {ve.sigmaMin()}, 1),
                        g.op("Exp", g.op("Mul", g.constant(new double[] {Math.log(ve.sigmaMax() / ve.sigmaMin())}, 1), t)));
                yield new String[] {g.op("Add", g.op("Mul", t, g.constant(new double[] {0.0}, 1)), g.constant(new double[] {1.0}, 1)),
                    g.op("Mul", s, s), s};
            }
            case Edm edm -> new String[] {g.op("Add", g.op("Mul", t, g.constant(new double[] {0.0}, 1)),
                    g.constant(new double[] {1.0}, 1)), g.op("Mul", t, t), t};
            default -> throw new IllegalArgumentException("the GMM ONNX export supports vp (linear), ve and edm, not "
                    + process.name());
        };
    }
}
