package org.gddim.solver;

import java.util.List;
import org.gddim.structure.Structure;
import org.gddim.schedule.TimeGrid;

/**
 * Everything a sampling run needs, computed once: the program of model calls and fused steps with all
 * coefficients (double), the size of its buffer table, and its cost in network evaluations.
 *
 * @param method human-readable method and settings, e.g. "gddim q=3 pec"
 * @param structure layout of the coefficient arrays (from the process)
 * @param grid the time grid the plan was made for
 * @param buffers size of the buffer table: {@link #U} plus the solver's scratch and eps buffers
 * @param ops the program
 */
public record Plan(String method, Structure structure, TimeGrid grid, int buffers, List<Op> ops) {
    /** The state buffer: the prior draw before a run, the samples after it. */
    public static final int U = 0;

    public Plan {
        ops = List.copyOf(ops);
        for (Op op : ops) {
            int[] used = switch (op) {
                case Op.Eval e -> new int[] {e.src(), e.dst()};
                case Op.Step s -> concat(new int[] {s.dst(), s.src()}, s.terms());
            };
            for (int b : used) {
                if (b < 0 || b >= buffers) {
                    throw new IllegalArgumentException("plan uses buffer " + b + " outside [0, " + buffers + ")");
                }
            }
        }
    }

    /** Network function evaluations of one run. */
    public int nfe() {
        return (int) ops.stream().filter(op -> op instanceof Op.Eval).count();
    }

    /** The distinct times at which the plan calls the model (for models that prepare per-time tables). */
    public double[] evalTimes() {
        return ops.stream().filter(op -> op instanceof Op.Eval).mapToDouble(op -> ((Op.Eval) op).t()).distinct().toArray();
    }

    /** Whether any step adds noise (the run then needs a seed and a noise buffer). */
    public boolean stochastic() {
        return ops.stream().anyMatch(op -> op instanceof Op.Step s && s.noise() != null);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
