package org.gddim.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Java interpreter of a compiled {@link OnnxProgram} against ONNX Runtime (CPU) on the shipped models, with
 * seeded random inputs (data ~ N(0,1), time in the model's range): the end-to-end check of parsing, constant
 * folding, shape inference and every op's semantics. Tolerance: max |interp - ort| <= tol * (1 + max |ort|).
 */
class InterpreterMatchesOrtTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mnist-vp.onnx, 0.5, 1e-5", "mnist-edm.onnx, 2.0, 1e-5", "gmm/gmm-8d-5-vp.onnx, 0.5, 1e-9"})
    void interpreterMatchesOnnxRuntime(String file, double time, double tol) throws OrtException {
        Path model = Fixtures.modelsDir().resolve(file);
        int batch = 3;
        OnnxProgram program = OnnxProgram.load(model, batch);
        long seed = file.hashCode();
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Tensor> inputs = new HashMap<>();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> ortInputs = new HashMap<>();
        try (OrtSession session = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
            for (ValueInfo in : program.inputs()) {
                double[] v = new double[(int) in.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.shape().length == 1 ? time * (1 + 0.1 * i) : rng.nextGaussian();
                }
                Tensor t = in.type() == ElemType.FLOAT ? Tensor.floats(in.shape(), v) : new Tensor(in.type(), in.shape(), v);
                inputs.put(in.name(), t);
                ortInputs.put(in.name(), in.type() == ElemType.FLOAT
                        ? OnnxTensor.createTensor(env, FloatBuffer.wrap(t.toFloats()), in.shape())
                        : OnnxTensor.createTensor(env, DoubleBuffer.wrap(t.data()), in.shape()));
            }
            Map<String, Tensor> ours = Interpreter.run(program, inputs);
            try (OrtSession.Result result = session.run(ortInputs)) {
                for (ValueInfo out : program.outputs()) {
                    OnnxTensor ref = (OnnxTensor) result.get(out.name()).orElseThrow();
                    assertArrayEquals(ref.getInfo().getShape(), out.shape(), "inferred output shape");
                    double[] expected = new double[(int) out.size()];
                    if (out.type() == ElemType.FLOAT) {
                        FloatBuffer fb = ref.getFloatBuffer();
                        for (int i = 0; i < expected.length; i++) {
                            expected[i] = fb.get(i);
                        }
                    } else {
                        ref.getDoubleBuffer().get(expected);
                    }
                    double maxAbs = 0;
                    double maxErr = 0;
                    double[] got = ours.get(out.name()).data();
                    for (int i = 0; i < expected.length; i++) {
                        maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
                        maxErr = Math.max(maxErr, Math.abs(got[i] - expected[i]));
                    }
                    System.out.printf("interpreter vs ORT %s: max abs err %.3g (max |out| %.3g, %d steps, %d folded)%n", file,
                            maxErr, maxAbs, program.steps().size(), program.folded());
                    assertTrue(maxErr <= tol * (1 + maxAbs), file + " (seed " + seed + "): max abs err " + maxErr
                            + " exceeds " + tol + " * (1 + " + maxAbs + ")");
                }
            }
        } finally {
            ortInputs.values().forEach(OnnxTensor::close);
        }
    }
}
