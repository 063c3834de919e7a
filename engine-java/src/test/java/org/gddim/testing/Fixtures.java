package org.gddim.testing;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.gddim.model.DataShape;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmJson;

/** Shared, seeded test inputs. */
public final class Fixtures {
    private Fixtures() {}

    /** The repository's models/ folder (set by surefire; falls back to the module-relative path). */
    public static Path modelsDir() {
        return Path.of(System.getProperty("gddim.models.dir", "../models"));
    }

    /** The committed 8-D, 5-component full-covariance mixture (models/gmm/gmm-8d-5.json). */
    public static GaussianMixture gmm8d() {
        return GmmJson.read(modelsDir().resolve("gmm/gmm-8d-5.json"));
    }

    /** A one-component, nearly-Dirac mixture at {@code mean} (variance 1e-18 in every direction). */
    public static GaussianMixture dirac(double... mean) {
        double[] var = new double[mean.length];
        java.util.Arrays.fill(var, 1e-18);
        return GaussianMixture.diagonal(new double[] {1}, new double[][] {mean}, new double[][] {var},
                DataShape.of(mean.length));
    }

    /** {@code count * dim} standard normals from a seeded generator. */
    public static double[] normals(long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = rng.nextGaussian();
        }
        return out;
    }

    /** Relative RMS difference {@code ||x - ref|| / ||ref||}. */
    public static double relativeRms(double[] x, double[] ref) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - ref[i]) * (x[i] - ref[i]);
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / den);
    }
}
