package org.gddim.ld3;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gddim.io.Plots;
import org.gddim.process.NoiseLevel;
import org.gddim.quality.MethodSpec;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;

/**
 * docs/ld3.md's oracle tables: for one (oracle, process), the held-out relative RMS end-point error against the exact
 * flow of every solver at every NFE on the hand grids (uniform, logSNR, EDM rho = 7, quadratic) and on the grid LD3
 * learned for that solver and NFE; NaN where the grid or the solver does not apply.
 */
public final class OracleStudy {
    private OracleStudy() {}

    public static final List<GridKind> HAND = List.of(GridKind.UNIFORM, GridKind.LOGSNR, GridKind.EDM, GridKind.QUADRATIC);

    /**
     * {@code error[solver][grid][nfe]} (held-out relative RMS) and {@code median[..]} (median per-pair relative error), grid
     * index {@code HAND.size()} = learned, and the training seconds per cell.
     */
    public record Result(String title, List<MethodSpec> solvers, int[] nfes, double[][][] error, double[][][] median,
            double[][] trainSeconds, double referenceSeconds) {}

    public static Result run(String title, OracleCase c, List<MethodSpec> solvers, int[] nfes, Ld3Settings settings) {
        double[][][] err = new double[solvers.size()][HAND.size() + 1][nfes.length];
        double[][][] med = new double[solvers.size()][HAND.size() + 1][nfes.length];
        double[][] secs = new double[solvers.size()][nfes.length];
        var p = c.process();
        for (int m = 0; m < solvers.size(); m++) {
            var solver = solvers.get(m).solver();
            for (int i = 0; i < nfes.length; i++) {
                int steps = solver.stepsFor(nfes[i]);
                secs[m][i] = Double.NaN;
                for (int g = 0; g <= HAND.size(); g++) {
                    err[m][g][i] = Double.NaN;
                    med[m][g][i] = Double.NaN;
                }
                if (nfes[i] < solver.minNfe()) {
                    continue;
                }
                for (int g = 0; g < HAND.size(); g++) {
                    GridKind kind = HAND.get(g);
                    if (!(p instanceof NoiseLevel) && (kind == GridKind.LOGSNR || kind == GridKind.EDM)) {
                        continue;
                    }
                    try {
                        Plan plan = solver.plan(p, TimeGrids.make(kind, p, p.defaultTMax(), p.defaultTMin(), steps));
                        double[] e = c.heldOutErrors(plan);
                        err[m][g][i] = e[0];
                        med[m][g][i] = e[1];
                    } catch (IllegalArgumentException e) { // the solver does not apply to the process
                        break;
                    }
                }
                if (steps >= 2 && !Double.isNaN(err[m][HAND.size() - 1][i])) {
                    Student student = c.student(solver, steps);
                    Ld3Trainer.Result r = c.train(student, settings);
                    double[] e = c.heldOutErrors(student.plan(r.best()));
                    err[m][HAND.size()][i] = e[0];
                    med[m][HAND.size()][i] = e[1];
                    secs[m][i] = r.seconds();
                }
            }
        }
        return new Result(title, solvers, nfes, err, med, secs, c.referenceSeconds());
    }

    /** The smallest hand-grid error of a cell (NaN if none ran). */
    public static double bestHand(Result r, int m, int i) {
        double best = Double.NaN;
        for (int g = 0; g < HAND.size(); g++) {
            double e = r.error()[m][g][i];
            if (!Double.isNaN(e) && (Double.isNaN(best) || e < best)) {
                best = e;
            }
        }
        return best;
    }

    public static String markdown(Result r, List<String> notHalved, int[] counts) {
        StringBuilder sb = new StringBuilder("**" + r.title() + "** (reference solutions " + String.format(Locale.ROOT, "%.0f",
                r.referenceSeconds()) + " s)\n\n| solver | grid |");
        for (int n : r.nfes()) {
            sb.append(" NFE ").append(n).append(" |");
        }
        sb.append("\n|---|---|").append("---:|".repeat(r.nfes().length)).append('\n');
        for (int m = 0; m < r.solvers().size(); m++) {
            String name = r.solvers().get(m).name();
            boolean any = false;
            for (int g = 0; g <= HAND.size(); g++) {
                for (int i = 0; i < r.nfes().length; i++) {
                    any |= !Double.isNaN(r.error()[m][g][i]);
                }
            }
            if (!any) {
                sb.append("| ").append(name).append(" | all | ").append("— | ".repeat(r.nfes().length)).append('\n');
                continue;
            }
            for (int g = 0; g <= HAND.size(); g++) {
                boolean learned = g == HAND.size();
                sb.append("| ").append(name).append(" | ").append(learned ? "**LD3**" : HAND.get(g).toString()).append(" |");
                for (int i = 0; i < r.nfes().length; i++) {
                    double e = r.error()[m][g][i];
                    double md = r.median()[m][g][i];
                    String cell = Double.isNaN(e) ? "—" : Double.isInfinite(e) ? "diverged"
                            : String.format(Locale.ROOT, "%.1e · %.1e", e, md);
                    if (learned && !Double.isNaN(e)) {
                        double best = bestHand(r, m, i);
                        cell = "**" + cell + "**" + String.format(Locale.ROOT, " (×%.2f)", e / best);
                        medianCounts(r, m, g, i, counts);
                        int n = r.nfes()[i];
                        if (n >= 5 && n <= 7) {
                            counts[1]++;
                            if (e <= 0.5 * best) {
                                counts[0]++;
                            } else {
                                notHalved.add(r.title() + ", " + name + ", NFE " + n + String.format(Locale.ROOT, " (×%.2f)", e / best));
                            }
                        }
                    }
                    sb.append(' ').append(cell).append(" |");
                }
                sb.append('\n');
            }
        }
        double total = 0;
        int cells = 0;
        for (double[] row : r.trainSeconds()) {
            for (double s : row) {
                if (!Double.isNaN(s)) {
                    total += s;
                    cells++;
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "%nLD3 training: %d grids, %.1f s in all (%.2f s per grid on average).%n%n", cells,
                total, cells > 0 ? total / cells : 0));
        return sb.toString();
    }

    /** counts[2..3]: LD3 cells at 5-7 NFE whose median error is at most half the best hand grid's median, of all. */
    private static void medianCounts(Result r, int m, int g, int i, int[] counts) {
        int n = r.nfes()[i];
        if (n < 5 || n > 7) {
            return;
        }
        double best = Double.NaN;
        for (int h = 0; h < HAND.size(); h++) {
            double e = r.median()[m][h][i];
            if (!Double.isNaN(e) && (Double.isNaN(best) || e < best)) {
                best = e;
            }
        }
        counts[3]++;
        if (r.median()[m][g][i] <= 0.5 * best) {
            counts[2]++;
        }
    }

    /** Error vs NFE: per solver, the best hand grid of each NFE (dashed in spirit: "hand") and LD3's grid. */
    public static List<Plots.Line> lines(Result r) {
        List<Plots.Line> lines = new ArrayList<>();
        for (int m = 0; m < r.solvers().size(); m++) {
            List<double[]> hand = new ArrayList<>();
            List<double[]> ld3 = new ArrayList<>();
            for (int i = 0; i < r.nfes().length; i++) {
                double h = bestHand(r, m, i);
                double l = r.error()[m][HAND.size()][i];
                if (Double.isFinite(h) && h > 0) {
                    hand.add(new double[] {r.nfes()[i], h});
                }
                if (Double.isFinite(l) && l > 0) {
                    ld3.add(new double[] {r.nfes()[i], l});
                }
            }
            String name = r.solvers().get(m).name();
            add(lines, name + " best hand grid", hand);
            add(lines, name + " LD3", ld3);
        }
        return lines;
    }

    private static void add(List<Plots.Line> lines, String name, List<double[]> pts) {
        if (!pts.isEmpty()) {
            lines.add(new Plots.Line(name, pts.stream().mapToDouble(a -> a[0]).toArray(), pts.stream().mapToDouble(a -> a[1]).toArray()));
        }
    }
}
