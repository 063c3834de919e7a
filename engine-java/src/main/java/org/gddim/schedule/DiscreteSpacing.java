package org.gddim.schedule;

import java.util.ArrayList;
import java.util.List;
import org.gddim.process.DiscreteVp;
import org.gddim.process.Process;

/**
 * diffusers' integer-timestep spacings for N inference steps of a T-step discrete model
 * ({@code timestep_spacing} in {@code set_timesteps}; pndm-fdm-ld3-spec.md 1.1), as time grids of a
 * {@link DiscreteVp} (label k at {@code t = (k + 1)/T}):
 * <ul>
 *   <li>leading: {@code k = j (T / N) + steps_offset}, j = N-1 .. 0 (integer division; never starts at T-1);
 *   <li>trailing: {@code k = round(T - j T/N) - 1}, j = 0 .. N-1 (starts at T-1);
 *   <li>linspace: {@code k = round(linspace(0, T - 1, N))}, reversed;
 * </ul>
 * rounding half to even, as numpy does. The model is evaluated at these N labels and the last step goes to
 * {@code t_min} (default label 0, {@code abar[0]}): the next point is always the next entry of the list,
 * never diffusers' hard-coded {@code t - T/N} (its bug with trailing/linspace, issues #9261, #12633, #11347).
 * Labels outside {@code (t_min, tMax]} are dropped: with leading (offset 0) and linspace the last label is 0,
 * which is the target itself, so those grids have N - 1 steps where diffusers spends an NFE on a zero-length
 * step.
 */
public final class DiscreteSpacing {
    private DiscreteSpacing() {}

    /** The labels (decreasing) of {@code kind} for {@code steps} inference steps. */
    public static int[] labels(GridKind kind, DiscreteVp process, int steps) {
        int trainSteps = process.trainSteps();
        if (steps < 1 || steps > trainSteps) {
            throw new IllegalArgumentException("need 1 <= steps <= " + trainSteps + ", got " + steps);
        }
        int[] k = new int[steps];
        for (int j = 0; j < steps; j++) {
            k[j] = switch (kind) {
                case LEADING -> (steps - 1 - j) * (trainSteps / steps) + process.stepsOffset();
                case TRAILING -> (int) Math.rint(trainSteps - j * (double) trainSteps / steps) - 1;
                case LINSPACE -> (int) Math.rint((trainSteps - 1) * (double) (steps - 1 - j) / Math.max(1, steps - 1));
                default -> throw new IllegalArgumentException(kind + " is not an integer-timestep spacing");
            };
        }
        return k;
    }

    /** The grid: the labels' times in {@code (tMin, tMax]}, then {@code tMin}. */
    public static TimeGrid grid(GridKind kind, Process process, double tMax, double tMin, int steps) {
        if (!(process instanceof DiscreteVp discrete)) {
            throw new IllegalArgumentException("the " + kind + " spacing is for discrete-time processes (ddpm-linear, "
                    + "ddpm-scaled-linear, ddpm-cosine), not " + process.name());
        }
        List<Double> t = new ArrayList<>();
        for (int k : labels(kind, discrete, steps)) {
            double time = discrete.timeOf(k);
            if (time > tMin && time <= tMax && (t.isEmpty() || time < t.getLast())) {
                t.add(time);
            }
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no " + kind + " timestep of " + steps + " steps lies in (t_min, T] = ("
                    + tMin + ", " + tMax + "]");
        }
        t.add(tMin);
        return new TimeGrid(t.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
