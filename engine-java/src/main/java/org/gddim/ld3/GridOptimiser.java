package org.gddim.ld3;

import java.util.function.ToDoubleFunction;

/**
 * A minimiser of LD3's training loss over the optimiser vector of {@link Ld3Parameters}, a black box to it (the
 * network is ONNX): derivative-free ({@link Cmaes}) or by finite-difference gradients ({@link FiniteDifferenceRmsprop}).
 * It reports once per iteration and stops when the callback says so or the evaluation budget is spent.
 */
public sealed interface GridOptimiser permits Cmaes, FiniteDifferenceRmsprop {
    /** Called after each iteration with its best point and that point's loss; returns true to stop. */
    interface Iteration {
        boolean after(double[] point, double loss);
    }

    /**
     * Minimises {@code loss} from {@code start} within {@code [lower, upper]} using at most {@code evaluations} calls;
     * {@code scale} (0, 1] shrinks the initial step (later rounds restart closer to the best point).
     */
    void minimise(ToDoubleFunction<double[]> loss, double[] start, double[] lower, double[] upper, double scale,
            int evaluations, long seed, Iteration callback);

    /** The command-line name. */
    String name();

    /** One line for grid.json and docs. */
    String describe();

    /** Parses a command-line name: cmaes or fd-rmsprop. */
    static GridOptimiser named(String name) {
        return switch (name) {
            case "cmaes" -> new Cmaes();
            case "fd-rmsprop" -> new FiniteDifferenceRmsprop();
            default -> throw new IllegalArgumentException("unknown optimiser '" + name + "': expected cmaes or fd-rmsprop");
        };
    }
}
