package org.gddim.solver;

/**
 * The frame {@code K_t} in which the eps of a multistep predictor is frozen or interpolated over a step,
 * {@code score = -K_t^{-T} eps_K} (gddim-spec.md 1.3-1.4): gDDIM's {@code R_t} (Eq. 17) or the Cholesky factor
 * {@code L_t} of {@code Sigma_t} (CLD-SGM's choice; the paper's Table 1 baseline). They differ only for CLD, where
 * {@code R_t = L_t Q_t} with a rotation {@code Q_t} that turns about two times between t = 0 and 1.
 */
public enum EpsFrame {
    R,
    L;

    /** The command-line name, {@code R} or {@code L} as in the paper. */
    @Override
    public String toString() {
        return name();
    }
}
