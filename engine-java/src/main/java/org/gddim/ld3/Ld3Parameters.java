package org.gddim.ld3;

import java.util.Arrays;

/**
 * The learned variables of one LD3 schedule: grid logits {@code theta} and normalised network-time offsets
 * {@code s}, each N + 1 values ({@code theta[0]}, {@code s[0]}, {@code s[N]} fixed at 0; package doc). As one
 * vector for the optimisers: {@code theta[1..N]} then, when the offsets are free, {@code s[1..N-1]}.
 */
public record Ld3Parameters(double[] theta, double[] s) {
    public Ld3Parameters {
        if (theta.length != s.length || theta.length < 3) {
            throw new IllegalArgumentException("need N + 1 >= 3 logits and offsets, got " + theta.length + " and " + s.length);
        }
        theta = theta.clone();
        s = s.clone();
    }

    /** The initialisation: uniform logits (logSNR grid, or quadratic in time-mode), no offsets. */
    public static Ld3Parameters initial(int steps) {
        return new Ld3Parameters(new double[steps + 1], new double[steps + 1]);
    }

    public int steps() {
        return theta.length - 1;
    }

    /** Length of the optimiser's vector: N logits, plus N - 1 offsets when {@code withOffsets}. */
    public static int size(int steps, boolean withOffsets) {
        return withOffsets ? 2 * steps - 1 : steps;
    }

    /** The optimiser's vector. */
    public double[] vector(boolean withOffsets) {
        int n = steps();
        double[] v = new double[size(n, withOffsets)];
        System.arraycopy(theta, 1, v, 0, n);
        if (withOffsets) {
            System.arraycopy(s, 1, v, n, n - 1);
        }
        return v;
    }

    /** These parameters with the optimiser's vector {@code v} written in (offsets kept when {@code v} has none). */
    public Ld3Parameters with(double[] v) {
        int n = steps();
        double[] th = theta.clone();
        double[] off = s.clone();
        System.arraycopy(v, 0, th, 1, n);
        if (v.length == size(n, true)) {
            System.arraycopy(v, n, off, 1, n - 1);
        } else if (v.length != n) {
            throw new IllegalArgumentException("vector of length " + v.length + " for " + n + " steps");
        }
        return new Ld3Parameters(th, off);
    }

    /** Lower bounds of the optimiser's vector. */
    public static double[] lower(int steps, boolean withOffsets) {
        double[] lo = new double[size(steps, withOffsets)];
        Arrays.fill(lo, 0, steps, -LogitGrid.THETA_BOUND);
        Arrays.fill(lo, steps, lo.length, -1);
        return lo;
    }

    /** Upper bounds of the optimiser's vector. */
    public static double[] upper(int steps, boolean withOffsets) {
        double[] hi = lower(steps, withOffsets);
        for (int i = 0; i < hi.length; i++) {
            hi[i] = -hi[i];
        }
        return hi;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ld3Parameters p && Arrays.equals(theta, p.theta) && Arrays.equals(s, p.s);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(theta) + Arrays.hashCode(s);
    }

    @Override
    public String toString() {
        return "Ld3Parameters[theta=" + Arrays.toString(theta) + ", s=" + Arrays.toString(s) + "]";
    }
}
