package org.gddim.ld3;

/**
 * LD3's distance for non-image data, and here for every data type (pndm-fdm-ld3-spec.md 6.2, docs/ld3.md): the
 * per-sample mean squared error per dimension, {@code d(a, b) = ||a - b||^2 / D}, in double.
 */
public final class L2Distance {
    private L2Distance() {}

    /** {@code d(a_b, b_b)} for each of the {@code count} rows of (count, D) arrays {@code a} and {@code b}. */
    public static double[] perSample(float[] a, float[] b, int count, int d) {
        double[] out = new double[count];
        for (int s = 0; s < count; s++) {
            double sum = 0;
            for (int j = s * d; j < (s + 1) * d; j++) {
                double e = (double) a[j] - b[j];
                sum += e * e;
            }
            out[s] = sum / d;
        }
        return out;
    }

    /** The mean of {@code values}. */
    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
