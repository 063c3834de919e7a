package org.gddim.ld3;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * LD3's soft relaxation (pndm-fdm-ld3-spec.md 6.2-6.3): each training sample's student may start from any
 * {@code z'} with {@code ||z' - z|| <= r}, {@code r = gamma D_state / N^2}, {@code gamma = 0.001}, around its
 * teacher's {@code z}. The network is a black box, so the offsets move by a zeroth-order two-point probe per step:
 * a Rademacher direction {@code u_b / ||u_b||} per sample, the two candidates {@code delta_b +- c u_b}
 * ({@code c = r / 2}) projected onto the ball, both evaluated in one batched solve each; a sample takes the better
 * candidate only where it beats its current loss (LD3's projection and greedy acceptance), so no sample's loss
 * goes up for the current grid.
 */
public final class SoftBall {
    /** The official code's gamma. */
    public static final double GAMMA = 0.001;

    private final float[] z;
    private final int count;
    private final int dim;
    private final double radius;
    private final double[] offset;
    private final SplittableRandom random;

    /** Offsets for the {@code count} starts {@code z} (count, dim), radius {@code radius}, seeded directions. */
    public SoftBall(float[] z, int count, int dim, double radius, long seed) {
        this.z = z;
        this.count = count;
        this.dim = dim;
        this.radius = radius;
        this.offset = new double[count * dim];
        this.random = new SplittableRandom(seed);
    }

    /** {@code r = gamma D_state / N^2}. */
    public static double radius(double gamma, int stateDim, int steps) {
        return gamma * stateDim / ((double) steps * steps);
    }

    public double radius() {
        return radius;
    }

    /** The current starts {@code z + delta}, (count, dim). */
    public float[] starts() {
        return starts(offset);
    }

    private float[] starts(double[] delta) {
        float[] out = new float[z.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (z[i] + delta[i]);
        }
        return out;
    }

    /** The largest {@code ||delta_b||} over the samples. */
    public double largestOffset() {
        double max = 0;
        for (int b = 0; b < count; b++) {
            max = Math.max(max, norm(offset, b));
        }
        return max;
    }

    /**
     * One probe step for the current grid: {@code losses} maps starts (count, dim) to per-sample losses;
     * {@code current} holds each sample's loss at the current starts and is updated in place. Returns how many
     * samples moved.
     */
    public int step(Function<float[], double[]> losses, double[] current) {
        double c = radius / 2;
        double[] plus = new double[offset.length];
        double[] minus = new double[offset.length];
        double scale = c / Math.sqrt(dim);
        for (int i = 0; i < offset.length; i++) {
            double u = random.nextBoolean() ? scale : -scale;
            plus[i] = offset[i] + u;
            minus[i] = offset[i] - u;
        }
        project(plus);
        project(minus);
        double[] lp = losses.apply(starts(plus));
        double[] lm = losses.apply(starts(minus));
        int moved = 0;
        for (int b = 0; b < count; b++) {
            double[] best = lp[b] <= lm[b] ? plus : minus;
            double loss = Math.min(lp[b], lm[b]);
            if (loss < current[b]) {
                System.arraycopy(best, b * dim, offset, b * dim, dim);
                current[b] = loss;
                moved++;
            }
        }
        return moved;
    }

    /** Rescales each offset longer than the radius onto the ball. */
    private void project(double[] delta) {
        for (int b = 0; b < count; b++) {
            double n = norm(delta, b);
            if (n > radius) {
                for (int i = b * dim; i < (b + 1) * dim; i++) {
                    delta[i] *= radius / n;
                }
            }
        }
    }

    private double norm(double[] delta, int b) {
        double sum = 0;
        for (int i = b * dim; i < (b + 1) * dim; i++) {
            sum += delta[i] * delta[i];
        }
        return Math.sqrt(sum);
    }
}
