package org.gddim.schedule;

import java.util.function.DoubleUnaryOperator;
import org.gddim.process.NoiseLevel;
import org.gddim.process.Process;

/** Factories of the grid families (k-diffusion style: each a few lines, endpoints exact). */
public final class TimeGrids {
    private TimeGrids() {}

    /** EDM's rho exponent (Karras et al. 2022, Eq. 5). */
    public static final double EDM_RHO = 7.0;

    /** The grid of {@code kind} from {@code tMax} down to {@code tMin} in {@code steps} steps. */
    public static TimeGrid make(GridKind kind, Process process, double tMax, double tMin, int steps) {
        if (steps > TimeGrid.MAX_STEPS) {
            throw new IllegalArgumentException(steps + " grid steps is more than the engine plans (at most "
                    + TimeGrid.MAX_STEPS + "); lower --nfe");
        }
        return switch (kind) {
            case UNIFORM -> uniform(tMax, tMin, steps);
            case QUADRATIC -> power(tMax, tMin, steps, 2.0);
            case LOGSNR -> logSnr(noiseLevel(kind, process), tMax, tMin, steps);
            case EDM -> edm(noiseLevel(kind, process), tMax, tMin, steps, EDM_RHO);
            case LEADING, TRAILING, LINSPACE -> DiscreteSpacing.grid(kind, process, tMax, tMin, steps);
        };
    }

    /** {@code t_i = linspace(tMax, tMin, steps + 1)}. */
    public static TimeGrid uniform(double tMax, double tMin, int steps) {
        return power(tMax, tMin, steps, 1.0);
    }

    /** {@code t_i = (tMax^(1/k) + (i/N)(tMin^(1/k) - tMax^(1/k)))^k} (gDDIM "t" grid, power k). */
    public static TimeGrid power(double tMax, double tMin, int steps, double k) {
        check(tMax, tMin, steps);
        return interpolate(steps, tMax, tMin, Math.pow(tMax, 1 / k), Math.pow(tMin, 1 / k), x -> Math.pow(x, k));
    }

    /** Uniform in {@code log rho}: equal logSNR decrements per step. */
    public static TimeGrid logSnr(NoiseLevel level, double tMax, double tMin, int steps) {
        check(tMax, tMin, steps);
        return interpolate(steps, tMax, tMin, Math.log(level.rho(tMax)), Math.log(level.rho(tMin)),
                x -> level.tOfRho(Math.exp(x)));
    }

    /** Uniform in {@code rho^(1/kappa)} (Karras et al. 2022 Eq. 5 with sigma = rho). */
    public static TimeGrid edm(NoiseLevel level, double tMax, double tMin, int steps, double kappa) {
        check(tMax, tMin, steps);
        return interpolate(steps, tMax, tMin, Math.pow(level.rho(tMax), 1 / kappa),
                Math.pow(level.rho(tMin), 1 / kappa), x -> level.tOfRho(Math.pow(x, kappa)));
    }

    /** Uniform in a warped coordinate {@code x} from {@code x0} to {@code x1}, mapped back by {@code toT}. */
    private static TimeGrid interpolate(int steps, double tMax, double tMin, double x0, double x1,
            DoubleUnaryOperator toT) {
        double[] t = new double[steps + 1];
        t[0] = tMax;
        t[steps] = tMin;
        for (int i = 1; i < steps; i++) {
            t[i] = toT.applyAsDouble(x0 + (x1 - x0) * i / steps);
        }
        return new TimeGrid(t);
    }

    private static NoiseLevel noiseLevel(GridKind kind, Process process) {
        if (process instanceof NoiseLevel level) {
            return level;
        }
        throw new IllegalArgumentException("the " + kind + " grid needs a process with a scalar noise level (VP, VE, EDM)");
    }

    private static void check(double tMax, double tMin, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a grid needs at least 1 step, got " + steps);
        }
        if (!(tMin > 0 && tMax > tMin) || !Double.isFinite(tMax)) {
            throw new IllegalArgumentException("need 0 < t_min < T, got T = " + tMax + ", t_min = " + tMin);
        }
    }
}
