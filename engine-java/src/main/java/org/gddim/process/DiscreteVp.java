package org.gddim.process;

import java.util.Arrays;

/**
 * A discrete-time VP (DDPM) schedule as a continuous process, so that every solver samples a checkpoint trained
 * on integer timesteps: T betas, {@code abar[k] = prod_{j<=k} (1 - beta_j)} for labels k = 0 .. T-1, placed at
 * times {@code t_k = (k + 1)/T} (DPM-Solver's {@code NoiseScheduleVP('discrete')}: its model wrapper feeds the
 * network the label {@code T t - 1}), with {@code abar = 1} at t = 0 (the prepended zero beta of DDIM-derived
 * code), and interpolated in between: piecewise linear in {@code log abar} (DPM-Solver) or in {@code abar}
 * (DEIS's {@code DiscreteVPSDE}). So t = 1 is label T-1 (999), and the default end t = 1/T is label 0, whose
 * {@code abar[0] = 1 - beta_0} is the final target of diffusers with {@code set_alpha_to_one=False} (and of PNDM).
 * A target of {@code abar = 1} (sigma = 0) is not offered: outputs are states at sigma > 0. Non-integer labels
 * (PRK midpoints, Runge-Kutta stages, continuous grids) see the interpolated schedule.
 *
 * @param name command-line name
 * @param logAlphaBar (T + 1) {@code log abar} at t = j/T: entry 0 is 0, entry k + 1 is {@code log abar[k]}
 * @param interpolation how abar varies between the knots
 * @param stepsOffset diffusers' {@code steps_offset}, added to the labels of the leading spacing (schedule
 *     package) only, as diffusers does: 1 for Stable Diffusion's config, 0 otherwise
 */
public record DiscreteVp(String name, double[] logAlphaBar, Interpolation interpolation, int stepsOffset)
        implements ScalarProcess {

    /** Between two labels: linear in {@code log abar} or in {@code abar}. */
    public enum Interpolation {
        LOG_LINEAR,
        LINEAR
    }

    public DiscreteVp {
        if (logAlphaBar.length < 3 || logAlphaBar[0] != 0) {
            throw new IllegalArgumentException("need log abar at t = j/T, j = 0..T (T >= 2), starting with 0");
        }
        for (int j = 1; j < logAlphaBar.length; j++) {
            if (!(logAlphaBar[j] < logAlphaBar[j - 1]) || !Double.isFinite(logAlphaBar[j])) {
                throw new IllegalArgumentException("abar must decrease strictly, at label " + (j - 1) + ": " + logAlphaBar[j]);
            }
        }
        if (stepsOffset < 0) {
            throw new IllegalArgumentException("steps offset must be >= 0, got " + stepsOffset);
        }
        logAlphaBar = logAlphaBar.clone();
    }

    /** The schedule of {@code betas} (T of them), cumulative product in double. */
    public static DiscreteVp of(String name, double[] betas, Interpolation interpolation, int stepsOffset) {
        double[] log = new double[betas.length + 1];
        for (int k = 0; k < betas.length; k++) {
            if (!(betas[k] > 0 && betas[k] < 1)) {
                throw new IllegalArgumentException("beta[" + k + "] = " + betas[k] + " is not in (0, 1)");
            }
            log[k + 1] = log[k] + Math.log1p(-betas[k]);
        }
        return new DiscreteVp(name, log, interpolation, stepsOffset);
    }

    /** A diffusers-style schedule: {@code betas} of 1000 training steps, log-linear interpolation. */
    public static DiscreteVp ddpm(String name, DdpmBetas betas, int stepsOffset) {
        return of(name, betas.betas(1000), Interpolation.LOG_LINEAR, stepsOffset);
    }

    /** Number of training timesteps T. */
    public int trainSteps() {
        return logAlphaBar.length - 1;
    }

    /** {@code abar[k]} of the table (label k). */
    public double alphaBarAt(int label) {
        return Math.exp(logAlphaBar[label + 1]);
    }

    /** The network's timestep label at time t: {@code T t - 1} (an integer on the labels' own times). */
    public double timestep(double t) {
        return trainSteps() * t - 1;
    }

    /** The time of label k: {@code (k + 1)/T}. */
    public double timeOf(double label) {
        return (label + 1) / trainSteps();
    }

    /** {@code log abar(t)}, t in [0, 1]. */
    public double logAlphaBar(double t) {
        int n = trainSteps();
        double x = Math.clamp(t, 0.0, 1.0) * n;
        int j = Math.min((int) x, n - 1);
        double f = x - j;
        return switch (interpolation) {
            case LOG_LINEAR -> logAlphaBar[j] + f * (logAlphaBar[j + 1] - logAlphaBar[j]);
            case LINEAR -> Math.log(Math.exp(logAlphaBar[j]) + f * (Math.exp(logAlphaBar[j + 1]) - Math.exp(logAlphaBar[j])));
        };
    }

    /** {@code d log abar / dt} (piecewise; the right-hand value at a knot). */
    private double dLogAlphaBar(double t) {
        int n = trainSteps();
        double x = Math.clamp(t, 0.0, 1.0) * n;
        int j = Math.min((int) x, n - 1);
        return switch (interpolation) {
            case LOG_LINEAR -> n * (logAlphaBar[j + 1] - logAlphaBar[j]);
            case LINEAR -> n * (Math.exp(logAlphaBar[j + 1]) - Math.exp(logAlphaBar[j])) / Math.exp(logAlphaBar(t));
        };
    }

    @Override
    public double defaultTMax() {
        return 1.0;
    }

    @Override
    public double defaultTMin() {
        return 1.0 / trainSteps();
    }

    @Override
    public double tLimit() {
        return 1.0;
    }

    @Override
    public double logAlpha(double t) {
        return 0.5 * logAlphaBar(t);
    }

    @Override
    public double sigma(double t) {
        return Math.sqrt(-Math.expm1(logAlphaBar(t)));
    }

    @Override
    public double rho(double t) {
        return Math.sqrt(Math.expm1(-logAlphaBar(t)));
    }

    @Override
    public double tOfRho(double rho) {
        double target = -Math.log1p(rho * rho);
        int n = trainSteps();
        if (!(target <= 0) || target < logAlphaBar[n]) {
            throw new IllegalArgumentException("rho " + rho + " is outside the schedule (rho(1) = " + rho(1.0) + ")");
        }
        int lo = 0; // largest j with logAlphaBar[j] >= target
        int hi = n;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (logAlphaBar[mid] >= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double f = switch (interpolation) {
            case LOG_LINEAR -> (target - logAlphaBar[lo]) / (logAlphaBar[lo + 1] - logAlphaBar[lo]);
            case LINEAR -> (Math.exp(target) - Math.exp(logAlphaBar[lo])) / (Math.exp(logAlphaBar[lo + 1]) - Math.exp(logAlphaBar[lo]));
        };
        return (lo + f) / n;
    }

    @Override
    public double dLogAlpha(double t) {
        return 0.5 * dLogAlphaBar(t);
    }

    @Override
    public double dSigma(double t) {
        double logAbar = logAlphaBar(t);
        return -Math.exp(logAbar) * dLogAlphaBar(t) / (2 * Math.sqrt(-Math.expm1(logAbar)));
    }

    @Override
    public double priorStd(double tMax) {
        return 1.0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscreteVp d && name.equals(d.name) && Arrays.equals(logAlphaBar, d.logAlphaBar)
                && interpolation == d.interpolation && stepsOffset == d.stepsOffset;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(logAlphaBar);
    }

    @Override
    public String toString() {
        return "DiscreteVp[" + name + ", T=" + trainSteps() + ", " + interpolation + ", steps offset " + stepsOffset + "]";
    }
}
