package org.gddim.process;

/**
 * Variance-exploding diffusion (score-SDE VE; gddim-spec.md 2.2): {@code a_t = 1},
 * {@code sigma(t) = sigmaMin (sigmaMax / sigmaMin)^t}, prior {@code N(0, sigma(T)^2 I)}. As in score-SDE the
 * perturbation std is {@code sigma(t)} itself, so the data law is taken as already carrying
 * {@code sigmaMin} of noise at {@code t = 0}.
 */
public record Ve(double sigmaMin, double sigmaMax) implements ScalarProcess {
    public Ve {
        if (!(sigmaMin > 0 && sigmaMax > sigmaMin)) {
            throw new IllegalArgumentException("need 0 < sigmaMin < sigmaMax, got " + sigmaMin + ", " + sigmaMax);
        }
    }

    /** The score-SDE CIFAR-10 values, sigma from 0.01 to 50. */
    public static Ve standard() {
        return new Ve(0.01, 50.0);
    }

    private double logRatio() {
        return Math.log(sigmaMax / sigmaMin);
    }

    @Override
    public String name() {
        return "ve";
    }

    @Override
    public double defaultTMax() {
        return 1.0;
    }

    @Override
    public double defaultTMin() {
        return 1e-5;
    }

    @Override
    public double tLimit() {
        return 1.0;
    }

    @Override
    public double logAlpha(double t) {
        return 0.0;
    }

    @Override
    public double sigma(double t) {
        return sigmaMin * Math.exp(t * logRatio());
    }

    @Override
    public double rho(double t) {
        return sigma(t);
    }

    @Override
    public double tOfRho(double rho) {
        return Math.log(rho / sigmaMin) / logRatio();
    }

    @Override
    public double dLogAlpha(double t) {
        return 0.0;
    }

    @Override
    public double dSigma(double t) {
        return sigma(t) * logRatio();
    }

    @Override
    public double priorStd(double tMax) {
        return sigma(tMax);
    }
}
