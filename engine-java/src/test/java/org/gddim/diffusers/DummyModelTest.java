package org.gddim.diffusers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The committed dummy network (tools/diffusers/make_dummy_model.py) is diffusers' test model
 * eps(x, t) = x t/(t + 1): on seeded inputs at four timesteps, ONNX Runtime's output equals the float32 formula to
 * one rounding (2e-7 relative), and its metadata says what DiffusersFullLoopTest relies on.
 */
class DummyModelTest {
    @Test
    void outputIsXTimesTOverTPlusOne() throws Exception {
        byte[] model;
        try (InputStream in = getClass().getResourceAsStream("/org/gddim/diffusers/dummy-x-t.onnx")) {
            model = in.readAllBytes();
        }
        var env = OrtEnvironment.getEnvironment();
        int batch = 4;
        int d = 3 * 8 * 8;
        float[] x = new float[batch * d];
        SplittableRandom rng = new SplittableRandom(16);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-3, 3);
        }
        float[] t = {0, 1, 500, 999};
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
                OnnxTensor xs = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {batch, 3, 8, 8});
                OnnxTensor ts = OnnxTensor.createTensor(env, FloatBuffer.wrap(t), new long[] {batch});
                OrtSession.Result r = session.run(Map.of("x", xs, "t", ts))) {
            float[] eps = new float[batch * d];
            ((OnnxTensor) r.get(0)).getFloatBuffer().get(eps);
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < d; i++) {
                    float expected = x[b * d + i] * t[b] / (t[b] + 1);
                    assertEquals(expected, eps[b * d + i], 2e-7 * Math.abs(expected), "b " + b + " i " + i);
                }
            }
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertEquals("eps", meta.get("gddim.prediction"));
            assertEquals("ddpm", meta.get("gddim.process"));
            assertEquals("t", meta.get("gddim.time_input"));
            assertEquals("3,8,8", meta.get("gddim.input_shape"));
        }
    }
}
