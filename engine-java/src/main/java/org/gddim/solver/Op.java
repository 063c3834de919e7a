package org.gddim.solver;

/** One instruction of a {@link Plan}. */
public sealed interface Op {
    /** {@code eps[slot] = eps_theta(src, t)}: one network function evaluation. */
    record Eval(Register src, double t, int slot) implements Op {}

    /**
     * {@code dst = psi src + sum_j c[j] eps[slots[j]]} (gddim-spec.md Eq. 5.1), coefficients in the plan's
     * structure; {@code t} is the time the result belongs to. Steps into {@link Register#U} are the
     * accepted grid steps reported to observers.
     */
    record Step(Register dst, Register src, double t, double[] psi, int[] slots, double[][] c) implements Op {
        public Step {
            if (slots.length != c.length) {
                throw new IllegalArgumentException(slots.length + " eps slots but " + c.length + " coefficients");
            }
        }
    }
}
