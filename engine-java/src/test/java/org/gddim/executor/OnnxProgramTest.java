package org.gddim.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** Parsing, constant folding and static shape inference on the shipped U-Nets, and the refusals' messages. */
class OnnxProgramTest {
    private static final Path VP = Fixtures.modelsDir().resolve("mnist-vp.onnx");

    @Test
    void theShippedUNetCompilesToFloatStepsWithStaticShapes() {
        OnnxProgram p = OnnxProgram.load(VP, 5);
        assertEquals(2, p.inputs().size());
        assertArrayEquals(new long[] {5, 1, 28, 28}, p.inputs().get(0).shape());
        assertArrayEquals(new long[] {5, 1, 28, 28}, p.outputs().get(0).shape());
        Set<String> ops = p.steps().stream().map(Step::op).collect(Collectors.toSet());
        assertTrue(!ops.contains("Shape") && !ops.contains("Constant"), "Shape and Constant are folded: " + ops);
        assertTrue(ops.containsAll(Set.of("Conv", "Gemm", "InstanceNormalization", "Resize", "Concat", "Sigmoid")), ops.toString());
        for (Step s : p.steps()) {
            for (String out : s.outputs()) {
                ValueInfo v = p.values().get(out);
                assertEquals(ElemType.FLOAT, v.type(), s.where());
                assertTrue(Arrays.stream(v.shape()).allMatch(d -> d > 0), s.where() + " " + v);
            }
        }
        // the GroupNorm pattern: Reshape(conv, [0, 8, -1]) -> (5, 8, 16*28*28/8) with the batch copied (0 = keep)
        Step norm = p.steps().stream().filter(s -> s.op().equals("InstanceNormalization")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {5, 8, 2 * 28 * 28}, p.values().get(norm.output()).shape());
        // every Shape node became an int64 constant equal to its input's static shape
        assertTrue(p.folded() >= 48 + 11, "folded " + p.folded());
    }

    @Test
    void anUnsupportedOpIsRefusedNamingOpNodeAndTheSupportedList() throws IOException {
        OnnxMl.ModelProto m = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(VP));
        var g = m.getGraph().toBuilder();
        int i = 0;
        while (!g.getNode(i).getOpType().equals("Sigmoid")) {
            i++;
        }
        g.setNode(i, g.getNode(i).toBuilder().setOpType("HardSwish").setName("my_act"));
        byte[] bytes = m.toBuilder().setGraph(g).build().toByteArray();
        var e = assertThrows(OnnxProgramException.class, () -> OnnxProgram.parse(bytes, "edited.onnx", 1));
        assertTrue(e.getMessage().contains("'my_act'") && e.getMessage().contains("HardSwish")
                && e.getMessage().contains("supported ops: [") && e.getMessage().contains("Conv"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsRefusedClearly() throws IOException {
        byte[] bytes = Files.readAllBytes(VP);
        for (int cut : new int[] {0, 100, bytes.length / 2, bytes.length - 10}) {
            var e = assertThrows(OnnxProgramException.class,
                    () -> OnnxProgram.parse(Arrays.copyOf(bytes, cut), "cut.onnx", 1), "cut at " + cut);
            assertTrue(e.getMessage().startsWith("model cut.onnx"), e.getMessage());
        }
    }

    @Test
    void aMissingFileIsRefused() {
        var e = assertThrows(OnnxProgramException.class, () -> OnnxProgram.load(Path.of("no/such.onnx"), 1));
        assertTrue(e.getMessage().contains("no/such.onnx"), e.getMessage());
    }
}
