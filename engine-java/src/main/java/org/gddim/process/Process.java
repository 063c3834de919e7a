package org.gddim.process;

/**
 * A linear forward diffusion {@code du = F_t u dt + G_t dw} (gddim-spec.md 1.1) as the solvers need it:
 * its transition {@code Psi(t, s)} and the product {@code Phi(t, r) = Psi(t, r) R_r} with gDDIM's frame
 * {@code R_t} (spec 1.4), from which every exponential-integrator coefficient is planned (spec 5.3).
 */
public sealed interface Process permits ScalarProcess {
    /** Short name, as on the command line ("vp", "vp-cosine", "ve", "edm"). */
    String name();

    /** Layout of this process' coefficient arrays. */
    Structure structure();

    /** Default start of sampling (largest time). */
    double defaultTMax();

    /** Default end of sampling (smallest time; the output is the state there). */
    double defaultTMin();

    /** Largest time at which the process is well defined (grids must stay at or below it). */
    double tLimit();

    /** {@code Psi(t, s)}: maps the state at time {@code s} to time {@code t} (either direction). */
    double[] transition(double t, double s);

    /** {@code Phi(t, r) = Psi(t, r) R_r}; {@code Phi(t, t) = R_t}. */
    double[] transitionTimesFrame(double t, double r);

    /** Std of the prior at {@code tMax}: sampling starts at {@code u_T = priorStd * z}, z standard normal. */
    double priorStd(double tMax);
}
