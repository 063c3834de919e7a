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

    /** A 2-D mixture of three rotated anisotropic Gaussians (full covariances), weights 0.2 / 0.5 / 0.3. */
    public static GaussianMixture gmm2d() {
        double[][] means = {{-1.0, 0.5}, {1.2, 0.8}, {0.2, -1.1}};
        double[][][] cov = {{{0.10, 0.04}, {0.04, 0.05}}, {{0.03, -0.01}, {-0.01, 0.08}}, {{0.2, 0.0}, {0.0, 0.02}}};
        return GaussianMixture.full(new double[] {0.2, 0.5, 0.3}, means, cov, DataShape.of(2));
    }

    /** One 2-D Gaussian with a full covariance (the law for which order-0 gDDIM is exact). */
    public static GaussianMixture gaussian2d() {
        return GaussianMixture.full(new double[] {1}, new double[][] {{0.7, -0.4}}, new double[][][] {{{0.09, 0.03}, {0.03, 0.04}}},
                DataShape.of(2));
    }

    /**
     * A {@code (channels, h, w)} image mixture with covariances diagonal in the DCT basis (variances decaying with
     * frequency, like natural images) and smooth random means, seeded.
     */
    public static GaussianMixture images(int components, int channels, int h, int w, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = channels * h * w;
        double[] weights = new double[components];
        double[][] means = new double[components][d];
        double[][] variances = new double[components][d];
        for (int c = 0; c < components; c++) {
            weights[c] = 0.5 + rng.nextDouble();
            double fx = rng.nextDouble(0.5, 1.5);
            double fy = rng.nextDouble(0.5, 1.5);
            double scale = rng.nextDouble(0.05, 0.2);
            for (int ch = 0; ch < channels; ch++) {
                double amp = rng.nextDouble(-0.8, 0.8);
                for (int p = 0; p < h; p++) {
                    for (int q = 0; q < w; q++) {
                        int i = ch * h * w + p * w + q;
                        means[c][i] = amp * Math.cos(Math.PI * fx * p / h) * Math.sin(Math.PI * fy * (q + 0.5) / w);
                        variances[c][i] = scale / (1 + p * p + q * q) + 1e-3;
                    }
                }
            }
        }
        return GaussianMixture.dctDiagonal(weights, means, variances, DataShape.of(channels, h, w));
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
