package org.gddim.model.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.backend.HostBuffer;
import org.gddim.model.DataShape;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.model.ModelSpecException;
import org.gddim.model.OnnxScoreModel;
import org.gddim.process.Edm;
import org.gddim.process.Process;
import org.gddim.process.Ve;
import org.gddim.process.Vp;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX path against an exact answer: the GMM eps written as an ONNX graph by GmmOnnx and run by ONNX Runtime
 * equals GmmScore to float32 rounding (the graph computes in double; tolerance 2e-6 relative + 2e-6), the network's
 * tensors are the sampler's own buffers (same native addresses), and unusable files give clear errors.
 */
class GmmOnnxTest {
    @TempDir
    Path dir;

    @Test
    void onnxExportOfTheGmmEqualsTheExactScore() throws IOException {
        for (Process p : List.<Process>of(Vp.linear(), Ve.standard(), Edm.standard())) {
            GaussianMixture gmm = Fixtures.gmm8d();
            Path file = dir.resolve("gmm-" + p.name() + ".onnx");
            GmmOnnx.write(gmm, p, file);
            compare(gmm, p, file, 33);
        }
    }

    @Test
    void imageShapedDiagonalMixturesWorkToo() throws IOException {
        double[][] means = new double[3][12];
        double[][] vars = new double[3][12];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 12; i++) {
                means[c][i] = Math.sin(c + i);
                vars[c][i] = 0.05 + 0.01 * ((c * 7 + i) % 5);
            }
        }
        GaussianMixture gmm = GaussianMixture.diagonal(new double[] {0.2, 0.3, 0.5}, means, vars, DataShape.of(3, 2, 2));
        Path file = dir.resolve("img.onnx");
        GmmOnnx.write(gmm, Vp.linear(), file);
        compare(gmm, Vp.linear(), file, 9);
    }

    private static void compare(GaussianMixture gmm, Process p, Path file, int batch) {
        int d = gmm.dim();
        GmmScore exact = new GmmScore(gmm, p);
        try (Backend b = Backends.open(BackendKind.NATIVE); OnnxScoreModel onnx = OnnxScoreModel.open(file, p, 1)) {
            HostBuffer u = (HostBuffer) b.allocate((long) batch * d);
            HostBuffer out = (HostBuffer) b.allocate((long) batch * d);
            double[] x = Fixtures.normals(5, batch * d);
            for (int i = 0; i < x.length; i++) {
                u.set(i, x[i] * p.priorStd(p.defaultTMax()) * 0.3);
            }
            org.gddim.model.ScoreModel model = onnx.scoreModel(b);
            for (double f : new double[] {0.0, 0.2, 0.9, 1.0}) {
                double t = p.defaultTMin() + f * (p.defaultTMax() - p.defaultTMin());
                model.eps(u, t, out, batch);
                double[] row = new double[d];
                double[] want = new double[d];
                for (int s = 0; s < batch; s++) {
                    u.read((long) s * d, row);
                    exact.evaluator().eps(row, t, want);
                    for (int i = 0; i < d; i++) {
                        assertEquals(want[i], out.get((long) s * d + i), 2e-6 * Math.abs(want[i]) + 2e-6,
                                p.name() + " t=" + t + " sample " + s + " element " + i);
                    }
                }
            }
        }
    }

    @Test
    void unusableFilesAreRefusedWithTheReason() throws IOException {
        Path good = dir.resolve("good.onnx");
        GmmOnnx.write(Fixtures.gmm8d(), Vp.linear(), good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertRefused(truncated, Vp.linear(), "is not a usable ONNX model");
        Path garbage = dir.resolve("garbage.onnx");
        Files.writeString(garbage, "not a model");
        assertRefused(garbage, Vp.linear(), "is not a usable ONNX model");
        assertRefused(dir.resolve("missing.onnx"), Vp.linear(), "does not exist");
        assertRefused(good, Edm.standard(), "was trained for process vp; sample it with --process vp (got edm)");
        Path noMeta = dir.resolve("nometa.onnx");
        Files.write(noMeta, OnnxMl.ModelProto.parseFrom(bytes).toBuilder().clearMetadataProps().build().toByteArray());
        assertRefused(noMeta, Vp.linear(), "lacks gddim.prediction");
        Path sidecar = dir.resolve("nometa.meta.json");
        Files.writeString(sidecar, "{\"gddim.prediction\": \"eps\", \"gddim.process\": \"vp\", \"gddim.time_input\": \"t\", "
                + "\"gddim.input_shape\": \"2,4\"}");
        assertRefused(noMeta, Vp.linear(), "input 'x' has rank 2; expected the data (rank 3 for shape (2, 4))");
        Files.writeString(sidecar, "{\"gddim.prediction\": \"eps\", \"gddim.process\": \"vp\", \"gddim.time_input\": \"t\", "
                + "\"gddim.input_shape\": \"7\"}");
        assertRefused(noMeta, Vp.linear(), "input 'x' has shape [-1, 8] but gddim.input_shape says (7)");
        Files.writeString(sidecar, "{\"gddim.prediction\": \"score\"}");
        assertRefused(noMeta, Vp.linear(), "gddim.prediction = 'score' is not one of eps, x0, v, edm");
        Files.delete(sidecar);
        var model = OnnxMl.ModelProto.parseFrom(bytes).toBuilder();
        var graph = model.getGraphBuilder();
        graph.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().setElemType(OnnxGraph.DOUBLE);
        Path doubleInput = dir.resolve("double.onnx");
        Files.write(doubleInput, model.build().toByteArray());
        assertRefused(doubleInput, Vp.linear(), "expected a float32 tensor");
    }

    private static void assertRefused(Path file, Process p, String expected) {
        var e = assertThrows(ModelSpecException.class, () -> OnnxScoreModel.open(file, p, 1).close());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
