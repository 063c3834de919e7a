package org.gddim.process;

/**
 * Variance-preserving diffusion (DDPM / score-SDE VP; gddim-spec.md 2.1): {@code a_t = sqrt(abar_t)},
 * {@code sigma_t = sqrt(1 - abar_t)}, so {@code a^2 + sigma^2 = 1} and the prior is {@code N(0, I)}.
 * Near {@code t = 0} everything is computed from {@code log abar} with expm1/log1p (spec pitfall P3).
 */
public record Vp(VpSchedule schedule) implements ScalarProcess {
    /** The score-SDE continuous DDPM schedule, beta from 0.1 to 20, T = 1. */
    public static Vp linear() {
        return new Vp(new VpSchedule.LinearBeta(0.1, 20.0));
    }

    /** The improved-DDPM cosine schedule with offset s = 0.008, normalised so that abar(0) = 1. */
    public static Vp cosine() {
        return new Vp(new VpSchedule.Cosine(0.008));
    }

    @Override
    public String name() {
        return schedule.name();
    }

    @Override
    public double defaultTMax() {
        return schedule.defaultTMax();
    }

    @Override
    public double defaultTMin() {
        return 1e-3;
    }

    @Override
    public double tLimit() {
        return schedule.tLimit();
    }

    @Override
    public double logAlpha(double t) {
        return 0.5 * schedule.logAlphaBar(t);
    }

    @Override
    public double sigma(double t) {
        return Math.sqrt(-Math.expm1(schedule.logAlphaBar(t)));
    }

    @Override
    public double rho(double t) {
        return Math.sqrt(Math.expm1(-schedule.logAlphaBar(t)));
    }

    @Override
    public double tOfRho(double rho) {
        return schedule.tOfLogAlphaBar(-Math.log1p(rho * rho));
    }

    @Override
    public double dLogAlpha(double t) {
        return 0.5 * schedule.dLogAlphaBar(t);
    }

    @Override
    public double dSigma(double t) {
        double logAbar = schedule.logAlphaBar(t);
        return -Math.exp(logAbar) * schedule.dLogAlphaBar(t) / (2 * Math.sqrt(-Math.expm1(logAbar)));
    }

    @Override
    public double priorStd(double tMax) {
        return 1.0;
    }
}
