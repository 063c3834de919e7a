package org.gddim.process;

import org.gddim.structure.Structure;

/**
 * A linear forward diffusion {@code du = F_t u dt + G_t dw} (gddim-spec.md 1.1) as the solvers need it:
 * its transition {@code Psi(t, s)}, covariance {@code Sigma_t}, gDDIM's frame {@code R_t} (spec 1.4) and the
 * product {@code Phi(t, r) = Psi(t, r) R_r} from which every exponential-integrator coefficient is planned
 * (spec 5.3), all as {@code double[]} in the process' {@link Structure} layout.
 */
public sealed interface Process permits ScalarProcess, Cld, Bdm {
    /** Short name, as on the command line ("vp", "cld", "bdm", "fdm-vp", ...). */
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

    /** Std of the prior on state plane {@code plane} (CLD: x has std 1, v has std sqrt(M)). */
    default double priorStd(double tMax, int plane) {
        return priorStd(tMax);
    }

    /** Planes of the state per data element: 1, or 2 for CLD (x then v per sample; package doc). */
    default int planes() {
        return 1;
    }

    /** How the data are read off the final state. */
    default Readout readout() {
        return Readout.STATE;
    }

    /** {@code F_t} of the forward SDE. */
    double[] drift(double t);

    /** {@code G_t} of the forward SDE (lower triangular for BLOCK2). */
    double[] diffusion(double t);

    /** {@code Sigma_t}, the covariance of {@code u_t} given {@code u_0}, with the process' own {@code Sigma_0}. */
    double[] covariance(double t);

    /** gDDIM's frame {@code R_t} (Eq. 17), {@code R R^T = Sigma_t}. */
    default double[] frame(double t) {
        return transitionTimesFrame(t, t);
    }

    /**
     * {@code W_t = 1/2 G G^T R_t^{-T}}, the weight of eps in the probability-flow ODE
     * {@code du/dt = F_t u + W_t eps} (spec 1.5); the score is {@code -R_t^{-T} eps}.
     */
    default double[] epsWeight(double t) {
        Structure s = structure();
        double[] g = diffusion(t);
        double[] ggT = s.mul(g, s.transpose(g));
        return s.scale(s.mul(ggT, s.transpose(s.inverse(frame(t)))), 0.5);
    }

    /** The stochastic gDDIM transition of the lambda family from {@code s} down to {@code t < s} (spec 1.6). */
    LambdaTransition lambdaTransition(double t, double s, double lambda);
}
