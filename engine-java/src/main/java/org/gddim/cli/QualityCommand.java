package org.gddim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gddim.backend.BackendKind;
import org.gddim.io.DocRegions;
import org.gddim.io.Plots;
import org.gddim.job.EngineVersion;
import org.gddim.job.JobException;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmJson;
import org.gddim.process.ProcessKind;
import org.gddim.process.ScalarProcess;
import org.gddim.quality.ErrorStudy;
import org.gddim.quality.MethodSpec;
import org.gddim.schedule.GridKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gddim quality}: end-point error of solvers against a converged reference on an exact GMM oracle, as a
 * Markdown table (a generated region of a document) and a log-log PNG plot. {@code make quality} runs it for
 * docs/quality.md.
 */
@Command(name = "quality", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false, showDefaultValues = true,
        description = {"Measure relative RMS end-point error against a Dormand-Prince reference (tol 1e-11) of the "
                + "probability-flow ODE, from the same noise, for each method x grid x NFE on a Gaussian-mixture oracle.%n"})
final class QualityCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--process", paramLabel = "PROCESS", defaultValue = "vp", converter = CliEnums.Processes.class,
            completionCandidates = CliEnums.Processes.class, description = "Process: ${COMPLETION-CANDIDATES}.")
    ProcessKind process;

    @Option(names = "--model", paramLabel = "FILE.json", defaultValue = "models/gmm/gmm-8d-5.json",
            description = "Gaussian-mixture JSON (the oracle).")
    Path model;

    @Option(names = "--methods", paramLabel = "LIST", split = ",", defaultValue = "ddim,gddim2,gddim3,gddim4",
            description = "Methods: KIND[:Q][:CORRECTOR] with KIND a sample --solver name (e.g. plms, dpmpp:3, "
                    + "unipc-bh2:2:none), or gddimQ[-pec|-pece].")
    List<String> methods;

    @Option(names = "--grids", paramLabel = "LIST", split = ",", defaultValue = "uniform,logsnr", converter = CliEnums.Grids.class,
            description = "Grids: uniform, quadratic, logsnr, edm.")
    List<GridKind> grids;

    @Option(names = "--nfe", paramLabel = "LIST", split = ",", defaultValue = "5,10,20,50", description = "NFE budgets.")
    int[] nfe;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1000", description = "Samples (rows of the error).")
    int samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Philox seed of the starting noise.")
    long seed;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "native", converter = CliEnums.Backends.class,
            description = "Backend the solvers run on.")
    BackendKind backend;

    @Option(names = "--doc", paramLabel = "FILE.md", required = true,
            description = "Markdown document whose region 'generated:ID' receives the tables.")
    Path doc;

    @Option(names = "--id", paramLabel = "ID", defaultValue = "quality-vp-gmm8d", description = "Region id, also the plot's file name.")
    String id;

    @Override
    public Integer call() throws IOException {
        Counts.positive("--nfe", nfe);
        Counts.positive("--samples", samples);
        if (!process.isotropic() || !(process.create() instanceof ScalarProcess scalar)) {
            throw new JobException("gddim quality measures isotropic processes (vp, vp-cosine, ve, edm, fdm-*); "
                    + "for " + process + " see `gddim study`");
        }
        List<MethodSpec> specs = new ArrayList<>();
        for (String m : methods) {
            try {
                specs.add(MethodSpec.parse(m));
            } catch (IllegalArgumentException e) {
                throw new JobException(e.getMessage());
            }
        }
        if (grids.contains(GridKind.LEADING)) { // ErrorStudy solves its reference from T; leading grids start below it
            throw new JobException("the leading spacing does not start at T; use `gddim atlas`, which solves a reference "
                    + "from each grid's own start");
        }
        GaussianMixture gmm = GmmJson.read(model);
        ErrorStudy.Result r = ErrorStudy.run(scalar, gmm, specs, grids, nfe, samples, seed, backend);
        Path plot = doc.resolveSibling(id + ".png");
        Path medianPlot = doc.resolveSibling(id + "-median.png");
        Plots.logLog(plot, "Relative RMS end-point error vs NFE: " + scalar.name() + ", " + model.getFileName(), "NFE",
                "relative RMS error", lines(r, ErrorStudy.Row::rms));
        Plots.logLog(medianPlot, "Median per-sample relative error vs NFE: " + scalar.name() + ", " + model.getFileName(),
                "NFE", "median relative error", lines(r, ErrorStudy.Row::median));
        DocRegions.replace(doc, id, markdown(r, scalar, gmm, plot.getFileName().toString(),
                medianPlot.getFileName().toString()));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("updated %s (region %s) and %s; reference %.1f s, solvers %.1f s%n", doc, id, plot,
                r.referenceSeconds(), r.solverSeconds());
        return 0;
    }

    private static List<Plots.Line> lines(ErrorStudy.Result r, java.util.function.Function<ErrorStudy.Row, double[]> y) {
        List<Plots.Line> lines = new ArrayList<>();
        for (ErrorStudy.Row row : r.rows()) {
            double[] values = y.apply(row);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i]) && values[i] > 0) {
                    points.add(new double[] {row.usedNfe()[i], values[i]});
                }
            }
            lines.add(new Plots.Line(row.method() + " " + row.grid(), points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray()));
        }
        return lines;
    }

    private String markdown(ErrorStudy.Result r, ScalarProcess scalar, GaussianMixture gmm, String plotName,
            String medianPlotName) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Process %s (T = %s, t_min = %s), oracle %s (K = %d, D = %d), %d samples from Philox "
                        + "seed %d, backend %s. Relative RMS end-point error against Dormand-Prince 8(5,3) at tol 1e-11. "
                        + "Generated by `bin/gddim quality --process %s --doc %s --id %s` on %s, gddim-java %s, %s %s, "
                        + "%d CPUs.%n%n",
                scalar.name(), scalar.defaultTMax(), scalar.defaultTMin(), model, gmm.components(), gmm.dim(), r.samples(),
                r.seed(), backend, scalar.name(), doc, id, LocalDate.now(), EngineVersion.current(),
                System.getProperty("java.vm.name"), Runtime.version(), Runtime.getRuntime().availableProcessors()));
        sb.append("Each cell: **relative RMS error** · median per-sample relative error · mode flips (of ")
                .append(r.samples()).append(" samples).\n\n");
        for (GridKind grid : grids) {
            sb.append("**").append(grid).append(" grid**\n\n| method |");
            for (int n : nfe) {
                sb.append(" NFE ").append(n).append(" |");
            }
            sb.append("\n|---|").append("---:|".repeat(nfe.length)).append('\n');
            for (ErrorStudy.Row row : r.rows()) {
                if (row.grid() != grid) {
                    continue;
                }
                sb.append("| ").append(row.method()).append(" |");
                for (int i = 0; i < nfe.length; i++) {
                    sb.append(Double.isNaN(row.rms()[i]) ? " — |"
                            : String.format(" **%.2e** · %.1e · %d |", row.rms()[i], row.median()[i], row.flips()[i]));
                }
                sb.append('\n');
            }
            sb.append('\n');
        }
        sb.append("![relative RMS error vs NFE](").append(plotName).append(")\n");
        sb.append("![median per-sample error vs NFE](").append(medianPlotName).append(")\n");
        return sb.toString();
    }
}
