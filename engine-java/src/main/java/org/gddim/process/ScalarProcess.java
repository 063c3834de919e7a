package org.gddim.process;

/**
 * An isotropic process, {@code x_t = a_t x_0 + sigma_t z} (VP, VE, EDM; gddim-spec.md 2.1-2.2). Here
 * {@code Psi(t, s) = a_t / a_s}, {@code R_t = sigma_t} and {@code Phi(t, r) = a_t rho_r}. The
 * probability-flow ODE in eps form reads {@code dx/dt = f_t x + g_t eps} with {@code f = d log a / dt}
 * and {@code g = d sigma / dt - f sigma}.
 */
public sealed interface ScalarProcess extends Process, NoiseLevel permits Vp, Ve, Edm, DiscreteVp {
    /** {@code log a_t}. */
    double logAlpha(double t);

    /** Noise std {@code sigma_t}. */
    double sigma(double t);

    /** {@code d log a_t / dt}. */
    double dLogAlpha(double t);

    /** {@code d sigma_t / dt}. */
    double dSigma(double t);

    /** Signal scale {@code a_t}. */
    default double alpha(double t) {
        return Math.exp(logAlpha(t));
    }

    @Override
    default double rho(double t) {
        return sigma(t) / alpha(t);
    }

    @Override
    default Structure structure() {
        return Structure.SCALAR;
    }

    @Override
    default double[] transition(double t, double s) {
        return new double[] {Math.exp(logAlpha(t) - logAlpha(s))};
    }

    @Override
    default double[] transitionTimesFrame(double t, double r) {
        return new double[] {alpha(t) * rho(r)};
    }

    /** {@code f_t} of the probability-flow ODE {@code dx/dt = f_t x + g_t eps}. */
    default double flowDrift(double t) {
        return dLogAlpha(t);
    }

    /** {@code g_t} of the probability-flow ODE {@code dx/dt = f_t x + g_t eps}. */
    default double flowEpsWeight(double t) {
        return dSigma(t) - dLogAlpha(t) * sigma(t);
    }
}
