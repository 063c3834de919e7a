package org.gddim.ld3;

import org.gddim.process.NoiseLevel;
import org.gddim.process.Process;
import org.gddim.schedule.TimeGrid;

/**
 * LD3's grid parameterisation (pndm-fdm-ld3-spec.md 6.1): with {@code p = softmax(theta)} and {@code C_i =
 * sum_{j <= i} p_j}, the normalised positions {@code u_i = (C_i - C_0) / (C_N - C_0)} run from 0 to 1 with gaps
 * proportional to {@code p_1 .. p_N}; the grid is {@code x_i = x(T) + u_i (x(t_min) - x(T))} in the mode's
 * coordinate x ({@code log rho} in lambda-mode, {@code sqrt t} in time-mode), mapped back to t. The endpoints are
 * exact and the grid is strictly decreasing by construction; {@code theta = 0} gives the logSNR grid (lambda-mode)
 * or the quadratic grid, uniform in sqrt t (time-mode: the engine's default grid for CLD and BDM, where a time-uniform
 * start is far worse at 5 NFE: Frechet distance 993 against 583 on mnist-cld, docs/ld3.md).
 *
 * @param level the noise level for lambda-mode (null in time-mode)
 */
public record LogitGrid(GridMode mode, NoiseLevel level, double tMax, double tMin, int steps) {
    /** Bound on |theta_i|: softmax weights stay within a factor e^(2 BOUND) of each other. */
    public static final double THETA_BOUND = 5.0;

    public LogitGrid {
        if (steps < 2) {
            throw new IllegalArgumentException("LD3 needs at least 2 steps (a 1-step grid has no free time), got " + steps);
        }
        if (!(tMin > 0 && tMax > tMin)) {
            throw new IllegalArgumentException("need 0 < t_min < T, got T = " + tMax + ", t_min = " + tMin);
        }
        if (mode == GridMode.LAMBDA && level == null) {
            throw new IllegalArgumentException("lambda-mode needs a process with a scalar noise level");
        }
    }

    /** The grid of {@code process} in its default mode over {@code [tMin, tMax]}. */
    public static LogitGrid of(Process process, double tMax, double tMin, int steps) {
        GridMode mode = GridMode.forProcess(process);
        return new LogitGrid(mode, mode == GridMode.LAMBDA ? (NoiseLevel) process : null, tMax, tMin, steps);
    }

    /** The mode's coordinate of time t. */
    public double coordinate(double t) {
        return mode == GridMode.LAMBDA ? Math.log(level.rho(t)) : Math.sqrt(t);
    }

    /** The time of coordinate x. */
    public double time(double x) {
        return mode == GridMode.LAMBDA ? level.tOfRho(Math.exp(x)) : x * x;
    }

    /** The solver times {@code t_0 .. t_N} of logits {@code theta} (N + 1 values). */
    public double[] times(double[] theta) {
        if (theta.length != steps + 1) {
            throw new IllegalArgumentException("need " + (steps + 1) + " logits, got " + theta.length);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : theta) {
            max = Math.max(max, v);
        }
        double[] c = new double[steps + 1]; // cumulative softmax from index 1 (C_i - C_0, unnormalised)
        for (int i = 1; i <= steps; i++) {
            c[i] = c[i - 1] + Math.exp(theta[i] - max);
        }
        double x0 = coordinate(tMax);
        double x1 = coordinate(tMin);
        double[] t = new double[steps + 1];
        t[0] = tMax;
        t[steps] = tMin;
        for (int i = 1; i < steps; i++) {
            t[i] = time(x0 + c[i] / c[steps] * (x1 - x0));
            if (!(t[i] < t[i - 1])) { // only when a weight underflows against the bound: keep the grid strict
                t[i] = Math.nextDown(t[i - 1]);
            }
        }
        return t;
    }

    /** The solver grid of {@code theta}. */
    public TimeGrid grid(double[] theta) {
        return new TimeGrid(times(theta));
    }
}
