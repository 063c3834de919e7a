package org.gddim.process;

/**
 * The EDM parameterisation (Karras et al. 2022): {@code a_t = 1}, {@code sigma(t) = t}, so time is the noise
 * level itself; sampling runs from {@code sigmaMax} (80) to {@code sigmaMin} (0.002), prior
 * {@code N(0, sigmaMax^2 I)}.
 */
public record Edm(double sigmaMin, double sigmaMax) implements ScalarProcess {
    public Edm {
        if (!(sigmaMin > 0 && sigmaMax > sigmaMin)) {
            throw new IllegalArgumentException("need 0 < sigmaMin < sigmaMax, got " + sigmaMin + ", " + sigmaMax);
        }
    }

    /** EDM's CIFAR-10 range, sigma from 0.002 to 80. */
    public static Edm standard() {
        return new Edm(0.002, 80.0);
    }

    @Override
    public String name() {
        return "edm";
    }

    @Override
    public double defaultTMax() {
        return sigmaMax;
    }

    @Override
    public double defaultTMin() {
        return sigmaMin;
    }

    @Override
    public double tLimit() {
        return Double.MAX_VALUE;
    }

    @Override
    public double logAlpha(double t) {
        return 0.0;
    }

    @Override
    public double sigma(double t) {
        return t;
    }

    @Override
    public double rho(double t) {
        return t;
    }

    @Override
    public double tOfRho(double rho) {
        return rho;
    }

    @Override
    public double dLogAlpha(double t) {
        return 0.0;
    }

    @Override
    public double dSigma(double t) {
        return 1.0;
    }

    @Override
    public double priorStd(double tMax) {
        return tMax;
    }
}
