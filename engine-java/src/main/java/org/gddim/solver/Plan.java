package org.gddim.solver;

import java.util.List;
import org.gddim.process.Structure;
import org.gddim.schedule.TimeGrid;

/**
 * Everything a sampling run needs, computed once: the program of model calls and fused steps with all
 * coefficients (double), the number of eps slots it uses, and its cost in network evaluations.
 *
 * @param method human-readable method and settings, e.g. "gddim q=3 pec"
 * @param structure layout of the coefficient arrays (from the process)
 * @param grid the time grid the plan was made for
 * @param slots size of the eps ring
 * @param ops the program
 */
public record Plan(String method, Structure structure, TimeGrid grid, int slots, List<Op> ops) {
    public Plan {
        ops = List.copyOf(ops);
        for (Op op : ops) {
            int[] used = switch (op) {
                case Op.Eval e -> new int[] {e.slot()};
                case Op.Step s -> s.slots();
            };
            for (int slot : used) {
                if (slot < 0 || slot >= slots) {
                    throw new IllegalArgumentException("plan uses eps slot " + slot + " outside [0, " + slots + ")");
                }
            }
        }
    }

    /** Network function evaluations of one run. */
    public int nfe() {
        return (int) ops.stream().filter(op -> op instanceof Op.Eval).count();
    }

    /** Whether the plan uses the predictor register (predictor-corrector methods). */
    public boolean usesPrediction() {
        return ops.stream().anyMatch(op -> op instanceof Op.Step s && s.dst() == Register.U_PRED);
    }
}
