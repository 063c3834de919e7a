package org.gddim.ld3;

import org.gddim.rng.GaussianNoise;
import org.gddim.solver.Plan;

/**
 * LD3's data (pndm-fdm-ld3-spec.md 6.2): pairs of a start {@code z} and the teacher's endpoint from it. {@code z}
 * is (count, D_state), the Philox prior draws of samples {@code 0 .. count-1} of {@code seed} (the noise
 * {@code gddim sample --seed} would use); {@code y} is (count, D). The first {@code train} pairs train, the rest
 * validate.
 */
public record TeacherPairs(float[] z, float[] y, int count, int stateDim, int dataDim) {
    /** Teacher solves run in batches of at most this many samples. */
    private static final int BATCH = 256;

    public TeacherPairs {
        if (z.length != (long) count * stateDim || y.length != (long) count * dataDim) {
            throw new IllegalArgumentException("teacher pairs: " + z.length + " start and " + y.length + " endpoint values for "
                    + count + " pairs of " + stateDim + " and " + dataDim);
        }
    }

    /** Runs the teacher {@code plan} from the seeded starts of {@code count} samples. */
    public static TeacherPairs generate(Endpoints endpoints, Plan plan, long seed, int count) {
        int dim = endpoints.stateDim();
        int d = endpoints.dataDim();
        float[] z = new float[count * dim];
        GaussianNoise.fill(seed, GaussianNoise.PRIOR_STREAM, 0, count, dim, z, 0);
        float[] y = new float[count * d];
        for (int first = 0; first < count; first += BATCH) {
            int n = Math.min(BATCH, count - first);
            System.arraycopy(endpoints.run(plan, z, first, n), 0, y, first * d, n * d);
        }
        return new TeacherPairs(z, y, count, dim, d);
    }

    /** Pairs {@code [first, first + n)}. */
    public TeacherPairs slice(int first, int n) {
        float[] zs = new float[n * stateDim];
        float[] ys = new float[n * dataDim];
        System.arraycopy(z, first * stateDim, zs, 0, zs.length);
        System.arraycopy(y, first * dataDim, ys, 0, ys.length);
        return new TeacherPairs(zs, ys, n, stateDim, dataDim);
    }
}
