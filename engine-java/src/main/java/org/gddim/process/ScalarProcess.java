package org.gddim.process;

import org.gddim.structure.Structure;

/**
 * An isotropic process, {@code x_t = a_t x_0 + sigma_t z} (VP, VE, EDM; gddim-spec.md 2.1-2.2). Here
 * {@code Psi(t, s) = a_t / a_s}, {@code R_t = sigma_t} and {@code Phi(t, r) = a_t rho_r}. The
 * probability-flow ODE in eps form reads {@code dx/dt = f_t x + g_t eps} with {@code f = d log a / dt}
 * and {@code g = d sigma / dt - f sigma}.
 */
public sealed interface ScalarProcess extends Process, NoiseLevel permits Vp, Ve, Edm, Fdm, DiscreteVp {
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

    @Override
    default double[] drift(double t) {
        return new double[] {dLogAlpha(t)};
    }

    /** {@code G^2 = d sigma^2/dt - 2 f sigma^2 = 2 sigma g}. */
    @Override
    default double[] diffusion(double t) {
        return new double[] {Math.sqrt(2 * sigma(t) * flowEpsWeight(t))};
    }

    @Override
    default double[] covariance(double t) {
        double s = sigma(t);
        return new double[] {s * s};
    }

    @Override
    default double[] epsWeight(double t) {
        return new double[] {flowEpsWeight(t)};
    }

    /**
     * Closed form (spec 1.6): {@code psiHat = (a_t/a_s)^{-lambda^2} (sigma_t/sigma_s)^{1+lambda^2}},
     * {@code P = sigma_t^2 [1 - (rho_t/rho_s)^{2 lambda^2}]} (expm1, exact for small lambda).
     */
    @Override
    default LambdaTransition lambdaTransition(double t, double s, double lambda) {
        double l2 = lambda * lambda;
        double psiHat = Math.exp(-l2 * (logAlpha(t) - logAlpha(s)) + (1 + l2) * Math.log(sigma(t) / sigma(s)));
        double sigmaT = sigma(t);
        double p = -sigmaT * sigmaT * Math.expm1(2 * l2 * Math.log(rho(t) / rho(s)));
        return new LambdaTransition(new double[] {psiHat}, new double[] {p});
    }
}
