package org.gddim.solver.coeff;

/**
 * Constant-step Adams-Bashforth weights, as PNDM's PLMS (pndm-fdm-ld3-spec.md 2.4), S-PNDM and iPNDM (spec 3.1)
 * apply them in the grid index whatever the spacing of the grid: {@code e' = sum_j w_j eps_{n-j}},
 * {@code [1]}, {@code [3, -1]/2}, {@code [23, -16, 5]/12}, {@code [55, -59, 37, -9]/24}, newest first.
 */
public final class AdamsBashforth {
    private AdamsBashforth() {}

    private static final double[][] WEIGHTS = {
        {1},
        {3.0 / 2, -1.0 / 2},
        {23.0 / 12, -16.0 / 12, 5.0 / 12},
        {55.0 / 24, -59.0 / 24, 37.0 / 24, -9.0 / 24},
    };

    /** The weights of order {@code q} (1..4), newest first (a copy). */
    public static double[] weights(int q) {
        if (q < 1 || q > 4) {
            throw new IllegalArgumentException("Adams-Bashforth order must be in 1..4, got " + q);
        }
        return WEIGHTS[q - 1].clone();
    }
}
