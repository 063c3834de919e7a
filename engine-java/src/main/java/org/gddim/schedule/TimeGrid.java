package org.gddim.schedule;

import java.util.Arrays;

/** A sampling grid {@code t[0] = T > t[1] > ... > t[N] = t_min > 0}, N >= 1 steps (package conventions). */
public record TimeGrid(double[] t) {
    /** The most steps a grid may have: far beyond any useful NFE, small enough that a plan fits in memory. */
    public static final int MAX_STEPS = 100_000;

    public TimeGrid {
        if (t.length < 2) {
            throw new IllegalArgumentException("a time grid needs at least 2 points, got " + t.length);
        }
        for (int i = 0; i < t.length; i++) {
            if (!Double.isFinite(t[i]) || t[i] <= 0) {
                throw new IllegalArgumentException("grid point t[" + i + "] = " + t[i] + " is not a positive finite time");
            }
            if (i > 0 && !(t[i] < t[i - 1])) {
                throw new IllegalArgumentException("grid is not strictly decreasing at t[" + i + "] = " + t[i]
                        + " (t[" + (i - 1) + "] = " + t[i - 1] + ")");
            }
        }
        t = t.clone();
    }

    /** Number of steps N. */
    public int steps() {
        return t.length - 1;
    }

    /** {@code t[i]}, i = 0 .. N. */
    public double at(int i) {
        return t[i];
    }

    @Override
    public double[] t() {
        return t.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeGrid other && Arrays.equals(t, other.t);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(t);
    }

    @Override
    public String toString() {
        return "TimeGrid" + Arrays.toString(t);
    }
}
