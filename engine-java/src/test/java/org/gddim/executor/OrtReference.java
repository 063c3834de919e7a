package org.gddim.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gddim.io.Npy;
import org.gddim.testing.Fixtures;

/**
 * ONNX Runtime (CPU) outputs of the shipped float32 networks on fixed seeded inputs, kept in the tree under
 * {@code models/ort-reference/} so that the GPU executor can be compared with ONNX Runtime on a machine that has no
 * ONNX Runtime jar (the GPU check, tools/gpu-check). Files per model {@code STEM} (all float32 .npy, row-major):
 * {@code STEM.in.NAME.npy} for every graph input (data inputs ~ N(0, 1) from {@link #SEED}; the 1-d time input
 * spread over the model's range by {@link #times}) and {@code STEM.ort.NAME.npy} for every graph output.
 * Written by {@code OrtReferenceFilesTest} with -Dgddim.ort.regenerate=true, checked against a fresh ONNX Runtime
 * run by the same test on every {@code make test}. This class itself needs no ONNX Runtime.
 */
final class OrtReference {
    private OrtReference() {}

    /** The float32 networks that have reference files (the GPU executor runs float32 graphs only). */
    static final List<String> MODELS = List.of("mnist-vp.onnx", "mnist-edm.onnx", "mnist-fdm.onnx");

    /** Batch of the reference inputs: small (the files are a few tens of kB), each sample at its own time. */
    static final int BATCH = 4;

    /** Seed of the N(0, 1) data inputs. */
    static final long SEED = 20261202L;

    static Path dir() {
        return Fixtures.modelsDir().resolve("ort-reference");
    }

    static String stem(String model) {
        return model.replace(".onnx", "");
    }

    static Path input(String model, String name) {
        return dir().resolve(stem(model) + ".in." + name + ".npy");
    }

    static Path output(String model, String name) {
        return dir().resolve(stem(model) + ".ort." + name + ".npy");
    }

    /** Noise levels / times of the batch: VP times in (0, 1]; EDM and FDM sigmas from 0.02 to 20. */
    static float[] times(String model) {
        return model.contains("vp") ? new float[] {0.02f, 0.25f, 0.6f, 1.0f} : new float[] {0.02f, 0.5f, 2.0f, 20.0f};
    }

    /** The seeded inputs as the generator makes them (the test compares them with the stored files). */
    static Map<String, float[]> makeInputs(String model, OnnxProgram program) {
        SplittableRandom rng = new SplittableRandom(SEED ^ model.hashCode());
        Map<String, float[]> in = new LinkedHashMap<>();
        for (ValueInfo v : program.inputs()) {
            if (v.shape().length == 1) {
                in.put(v.name(), times(model));
                continue;
            }
            float[] x = new float[(int) v.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            in.put(v.name(), x);
        }
        return in;
    }

    /** The stored inputs of {@code model}, by input name. */
    static Map<String, float[]> inputs(String model, OnnxProgram program) {
        Map<String, float[]> in = new LinkedHashMap<>();
        for (ValueInfo v : program.inputs()) {
            in.put(v.name(), read(input(model, v.name())));
        }
        return in;
    }

    /** The stored ONNX Runtime outputs of {@code model}, by output name. */
    static Map<String, float[]> outputs(String model, OnnxProgram program) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (ValueInfo v : program.outputs()) {
            out.put(v.name(), read(output(model, v.name())));
        }
        return out;
    }

    static float[] read(Path file) {
        try {
            return Npy.readAll(file);
        } catch (IOException e) {
            throw new UncheckedIOException("ORT reference " + file + ": " + e.getMessage()
                    + " (regenerate: mvn -pl engine-java test -Dtest=OrtReferenceFilesTest -Dgddim.ort.regenerate=true)", e);
        }
    }

    /** Max |got - want| and max |want| of two equally long arrays. */
    record Error(double maxAbs, double maxRef) {
        static Error of(float[] got, float[] want) {
            if (got.length != want.length) {
                throw new IllegalArgumentException("length " + got.length + " vs reference " + want.length);
            }
            double e = 0;
            double m = 0;
            for (int i = 0; i < want.length; i++) {
                double d = Math.abs((double) got[i] - want[i]);
                e = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(e, d);
                m = Math.max(m, Math.abs(want[i]));
            }
            return new Error(e, m);
        }

        double relative() {
            return maxAbs / maxRef;
        }
    }
}
