package org.gddim.ld3;

import java.util.List;
import java.util.Locale;
import org.gddim.solver.Solver;

/**
 * docs/ld3.md's choice of gradient method, measured: each optimiser (soft and hard loss) trains the same student on
 * the same oracle pairs with a fixed budget and no early stopping; the table gives the best validation loss reached
 * after E training-loss evaluations and the wall time at that point, and the final held-out error.
 */
public final class MethodComparison {
    private MethodComparison() {}

    /** One method on one case. */
    public record Row(String caseName, String method, double[] valAt, double[] secondsAt, double initialVal, double heldOut,
            double initialHeldOut, double seconds) {}

    public static Row run(OracleCase c, String caseName, Solver solver, int steps, String label, Ld3Settings settings,
            int[] budgets) {
        Student student = c.student(solver, steps);
        Ld3Trainer.Result r = c.train(student, settings);
        double[] val = new double[budgets.length];
        double[] sec = new double[budgets.length];
        for (int i = 0; i < budgets.length; i++) {
            val[i] = Double.NaN;
            sec[i] = Double.NaN;
            for (Ld3Trainer.Iteration it : r.history()) {
                if (it.evaluations() <= budgets[i]) {
                    val[i] = it.bestValLoss();
                    sec[i] = it.seconds();
                }
            }
        }
        return new Row(caseName, label, val, sec, r.initialValLoss(), c.heldOutError(student, r.best()),
                c.heldOutError(student, Ld3Parameters.initial(steps)), r.seconds());
    }

    public static String markdown(List<Row> rows, int[] budgets) {
        StringBuilder sb = new StringBuilder("| case | method | initial val loss |");
        for (int b : budgets) {
            sb.append(" best val loss after ").append(b).append(" evals (s) |");
        }
        sb.append(" held-out rel. error: initial → learned | wall s |\n|---|---|---:|")
                .append("---:|".repeat(budgets.length)).append("---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.caseName()).append(" | ").append(r.method()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3e", r.initialVal())).append(" |");
            for (int i = 0; i < budgets.length; i++) {
                sb.append(Double.isNaN(r.valAt()[i]) ? " — |"
                        : String.format(Locale.ROOT, " %.3e (%.1f) |", r.valAt()[i], r.secondsAt()[i]));
            }
            sb.append(String.format(Locale.ROOT, " %.3e → %.3e | %.1f |%n", r.initialHeldOut(), r.heldOut(), r.seconds()));
        }
        return sb.toString();
    }
}
