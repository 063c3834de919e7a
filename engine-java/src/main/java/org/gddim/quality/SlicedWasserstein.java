package org.gddim.quality;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The sliced Wasserstein-2 distance (Rabin et al. 2011; Bonneel et al. 2015) between an empirical sample set and a
 * fixed target set of the same size n:
 * {@code SW2 = sqrt( (1/L) sum_l W2^2(theta_l . X, theta_l . Y) )} over L directions {@code theta_l} uniform on
 * the sphere (normalised Gaussian vectors from a fixed seed), where between two 1-D empirical laws of n points
 * {@code W2^2 = (1/n) sum_i (x_(i) - y_(i))^2} over the sorted projections. Same units as the data. The target's
 * sorted projections are computed once, so each comparison costs n D L multiply-adds plus L sorts. A finite
 * sample has a floor: two independent exact sets of n points are about {@code c / sqrt(n)} apart (measured by
 * the atlas and reported next to every table).
 */
public final class SlicedWasserstein {
    private final int dim;
    private final int n;
    private final double[][] directions;
    private final double[][] target;

    /** The target set {@code (n, D)} and L directions from {@code seed}. */
    public SlicedWasserstein(double[] targetSamples, int dim, int directions, long seed) {
        if (targetSamples.length % dim != 0 || directions < 1) {
            throw new IllegalArgumentException("need (n, " + dim + ") samples and at least one direction");
        }
        this.dim = dim;
        this.n = targetSamples.length / dim;
        SplittableRandom rng = new SplittableRandom(seed);
        this.directions = new double[directions][dim];
        for (double[] theta : this.directions) {
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                theta[j] = rng.nextGaussian();
                norm += theta[j] * theta[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < dim; j++) {
                theta[j] /= norm;
            }
        }
        this.target = sortedProjections(targetSamples);
    }

    /** SW2 from {@code samples} ({@code (n, D)}, the target's n) to the target. */
    public double distance(double[] samples) {
        if (samples.length != n * dim) {
            throw new IllegalArgumentException("need " + n + " samples of dimension " + dim + ", got " + samples.length + " values");
        }
        double[][] p = sortedProjections(samples);
        double total = 0;
        for (int l = 0; l < directions.length; l++) {
            double w2 = 0;
            for (int i = 0; i < n; i++) {
                double diff = p[l][i] - target[l][i];
                w2 += diff * diff;
            }
            total += w2 / n;
        }
        return Math.sqrt(total / directions.length);
    }

    /** Same, for float samples (a sampler's output). */
    public double distance(float[] samples) {
        double[] d = new double[samples.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = samples[i];
        }
        return distance(d);
    }

    private double[][] sortedProjections(double[] x) {
        double[][] p = new double[directions.length][n];
        java.util.stream.IntStream.range(0, directions.length).parallel().forEach(l -> {
            double[] theta = directions[l];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < dim; j++) {
                    s += theta[j] * x[i * dim + j];
                }
                p[l][i] = s;
            }
            Arrays.sort(p[l]);
        });
        return p;
    }
}
