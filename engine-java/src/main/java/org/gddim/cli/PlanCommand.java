package org.gddim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gddim.backend.BackendKind;
import org.gddim.job.GraphMode;
import org.gddim.job.JobException;
import org.gddim.job.ModelSource;
import org.gddim.job.PlanExport;
import org.gddim.job.PlanFile;
import org.gddim.job.SampleJob;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.EpsFrame;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gddim plan}: write the complete plan of a run as a .gdkplan file for native apps (docs/c-abi.md). */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false, showDefaultValues = true,
        description = {"Write the complete plan of a sampling run (every network call and fused step, coefficients in "
                + "double, buffer table, prior, readout) as a versioned, checksummed binary file for apps that run their "
                + "own network and link libgdk (kernels-cu/include/gdk_plan.h; format in docs/c-abi.md).",
                "The settings are those of `gddim sample`, checked the same way. --describe FILE prints a plan file.%n"})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--process", paramLabel = "PROCESS", defaultValue = "vp", converter = CliEnums.Processes.class,
            completionCandidates = CliEnums.Processes.class, description = "Forward process: ${COMPLETION-CANDIDATES}.")
    ProcessKind process;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "default",
            description = "The model the plan is for (its data shape; an ONNX model's process): 'default', "
                    + "gmm:FILE.json or onnx:FILE.onnx. The network itself is the app's.")
    String model;

    @Option(names = "--solver", paramLabel = "SOLVER", defaultValue = "gddim", converter = CliEnums.Solvers.class,
            completionCandidates = CliEnums.Solvers.class, description = "Solver: ${COMPLETION-CANDIDATES} (docs/solvers.md).")
    SolverKind solver;

    @Option(names = "--order", paramLabel = "Q", description = "Order, as for `gddim sample`.")
    Integer order;

    @Option(names = "--corrector", paramLabel = "MODE", converter = CliEnums.Correctors.class,
            completionCandidates = CliEnums.Correctors.class, description = "Corrector: ${COMPLETION-CANDIDATES}, as for `gddim sample`.")
    Corrector corrector;

    @Option(names = "--lower-order-final", negatable = true, description = "dpmpp, unipc-* and deis-logrho: as for `gddim sample`.")
    Boolean lowerOrderFinal;

    @Option(names = "--lambda", paramLabel = "L", description = "Stochasticity, as for `gddim sample`.")
    Double lambda;

    @Option(names = "--param", paramLabel = "K", defaultValue = "R", converter = CliEnums.Frames.class,
            completionCandidates = CliEnums.Frames.class, description = "gddim's eps frame: ${COMPLETION-CANDIDATES}.")
    EpsFrame param;

    @Option(names = "--nfe", paramLabel = "N", defaultValue = "20", description = "Budget of network evaluations.")
    int nfe;

    @Option(names = "--grid", paramLabel = "GRID", converter = CliEnums.Grids.class,
            completionCandidates = CliEnums.Grids.class,
            description = "Time grid: ${COMPLETION-CANDIDATES}. Default: logsnr; quadratic for cld.")
    GridKind grid;

    @Option(names = "--t-max", paramLabel = "T", description = "Start time (default: the process' own).")
    Double tMax;

    @Option(names = "--t-min", paramLabel = "T", description = "End time (default: the process' own).")
    Double tMin;

    @Option(names = "--out", paramLabel = "FILE.gdkplan", description = "Plan file to write (atomically).")
    Path out;

    @Option(names = "--describe", paramLabel = "FILE.gdkplan", description = "Print this plan file instead (checks it fully).")
    Path describe;

    @Override
    public Integer call() throws IOException {
        var w = spec.commandLine().getOut();
        if (describe != null) {
            if (out != null) {
                throw new JobException("--describe prints a plan; it takes no --out");
            }
            w.print(PlanExport.read(describe).describe());
            w.flush();
            return 0;
        }
        if (out == null) {
            throw new JobException("a plan file is required (--out FILE.gdkplan), or --describe FILE.gdkplan");
        }
        ModelSource source = SampleJob.model(model);
        JobOptions.refuseUnusedLowerOrderFinal(lowerOrderFinal, solver);
        SolverSpec solverSpec = SampleJob.solver(solver, order, corrector, lowerOrderFinal,
                lambda == null ? Double.NaN : lambda, param);
        SampleJob job = new SampleJob(process, source, solverSpec, grid, nfe, tMax == null ? Double.NaN : tMax,
                tMin == null ? Double.NaN : tMin, 1, 0, null, BackendKind.NATIVE, GraphMode.OFF, null, 0, out, false);
        PlanFile plan = PlanExport.write(job);
        w.printf("wrote %s (%s, %s, %d network evaluations, %d steps, %d buffers)%n", out, plan.method(), plan.process(),
                plan.evals().size(), plan.steps(), plan.buffers());
        return 0;
    }
}
