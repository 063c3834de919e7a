package org.gddim.solver;

/**
 * One instruction of a {@link Plan}. Operands are indices into the plan's buffer table (each buffer one batch,
 * {@code (B, D...)}); buffer {@link Plan#U} is the state, which holds the prior draw before the run and the
 * samples after it.
 */
public sealed interface Op {
    /** {@code buf[dst] = eps_theta(buf[src], t)}: one network function evaluation. {@code dst != src}. */
    record Eval(int src, double t, int dst) implements Op {
        public Eval {
            if (dst == src) {
                throw new IllegalArgumentException("a model call cannot write its own input buffer " + src);
            }
        }
    }

    /**
     * The fused step (gddim-spec.md Eq. 5.1): {@code buf[dst] = psi buf[src] + sum_j c[j] buf[terms[j]]
     * [+ s z]}, coefficients laid out in the plan's structure, {@code z} standard-normal noise keyed by
     * (seed, {@code noise.stream}, sample index). {@code t} is the time the result belongs to. {@code dst} may
     * be {@code src} but none of the {@code terms}. Steps into {@link Plan#U} are the accepted grid steps.
     */
    record Step(int dst, int src, double t, double[] psi, int[] terms, double[][] c, Noise noise) implements Op {
        public Step {
            if (terms.length != c.length) {
                throw new IllegalArgumentException(terms.length + " terms but " + c.length + " coefficients");
            }
            for (int term : terms) {
                if (term == dst) {
                    throw new IllegalArgumentException("step into buffer " + dst + " cannot also read it as a term");
                }
            }
        }

        /** A deterministic step. */
        public Step(int dst, int src, double t, double[] psi, int[] terms, double[][] c) {
            this(dst, src, t, psi, terms, c, null);
        }
    }

    /** The noise term of a stochastic step: stream id (see GaussianNoise) and coefficient {@code s}. */
    record Noise(int stream, double[] s) {}
}
