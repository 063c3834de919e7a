package org.gddim.cli;

import java.nio.file.Path;
import org.gddim.diffusers.EmbeddedSchedulerConfig;
import org.gddim.diffusers.SchedulerConfig;
import org.gddim.diffusers.SchedulerConfigException;
import org.gddim.diffusers.SchedulerMapping;
import org.gddim.job.JobException;
import org.gddim.job.ModelSource;
import org.gddim.model.ModelMetadata;
import org.gddim.model.OnnxScoreModel;
import org.gddim.model.Prediction;
import org.gddim.process.DdpmBetas;
import org.gddim.process.DiscreteVp;
import org.gddim.schedule.DiscreteSpacing;
import org.gddim.schedule.GridKind;
import org.gddim.process.DiscreteSchedule;
import org.gddim.process.ProcessKind;
import org.gddim.solver.Solver;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The diffusers drop-in flags (docs/diffusers.md): {@code --scheduler-config FILE.json} and the discrete betas as
 * flags. {@link #apply} maps them onto the command's own settings; a setting given explicitly on the command line
 * (--process, --solver, --order, --[no-]lower-order-final, --grid) wins over the config.
 */
public final class SchedulerConfigOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--scheduler-config", paramLabel = "FILE.json",
            description = "A diffusers scheduler_config.json: its betas, timestep_spacing, steps_offset, prediction_type "
                    + "and scheduler class (solver, solver_order, lower_order_final) become --process ddpm and these "
                    + "settings; flags given explicitly win. Keys the engine does not reproduce are refused by name, "
                    + "unknown keys listed in a warning (docs/diffusers.md). Default: the config an ONNX model carries "
                    + "under diffusers.scheduler_config (its FILE.meta.json sidecar or metadata_props), if any; none: "
                    + "ignore that.")
    Path schedulerConfig;

    @Option(names = "--beta-schedule", paramLabel = "S",
            description = "--process ddpm: linear, scaled_linear or squaredcos_cap_v2 (diffusers' beta_schedule). "
                    + "Default: the config's, else linear.")
    String betaSchedule;

    @Option(names = "--beta-start", paramLabel = "B", converter = FiniteNumber.class,
            description = "--process ddpm: beta of label 0 (linear, scaled_linear). Default: the config's, else 0.0001.")
    Double betaStart;

    @Option(names = "--beta-end", paramLabel = "B", converter = FiniteNumber.class,
            description = "--process ddpm: beta of label T-1. Default: the config's, else 0.02.")
    Double betaEnd;

    @Option(names = "--num-train-timesteps", paramLabel = "T",
            description = "--process ddpm: training timesteps T. Default: the config's, else 1000.")
    Integer trainSteps;

    @Option(names = "--steps-offset", paramLabel = "K",
            description = "--process ddpm: diffusers' steps_offset, added to the leading spacing's labels. Default: "
                    + "the config's, else 0.")
    Integer stepsOffset;

    @Option(names = "--num-inference-steps", paramLabel = "N",
            description = "diffusers' num_inference_steps, instead of --nfe: the grid is the config's N timesteps "
                    + "(N + 1 points, the last dropped, for the multistep schedulers' leading and linspace spacings), "
                    + "and the budget what they cost the solver.")
    Integer inferenceSteps;

    @Option(names = "--sigma-min-end",
            description = "End at label 0 (sigma_min) where the config asks for a last step to sigma = 0 "
                    + "(set_alpha_to_one true, final_sigmas_type zero, Euler, Heun), which is taken by default after "
                    + "ddim, euler, edm-heun, dpmpp and unipc-* and refused after the others.")
    boolean endAtSigmaMin;

    /**
     * The command's settings after the config and the beta flags.
     *
     * @param labels how many timesteps the spacing is to give (from --num-inference-steps), or null for --nfe's
     * @param sigmaZeroEnd whether the run ends with diffusers' last step to sigma = 0 ({@link org.gddim.solver.SigmaZeroEnd})
     * @param plusOne whether the spacing's last label is dropped (the multistep schedulers' leading and linspace)
     * @param floatLinspace whether the spacing is Euler's or Heun's linspace, integer only for some step counts
     */
    public record Applied(ProcessKind process, DiscreteSchedule schedule, SolverKind solver, Integer order,
            Boolean lowerOrderFinal, String grid, Integer labels, boolean sigmaZeroEnd, boolean plusOne,
            boolean floatLinspace) {
        /** The NFE budget: the smallest whose grid has {@link #labels} timesteps under {@code solver}, else {@code nfe}. */
        public int nfe(SolverSpec solver, int nfe) {
            if (labels == null) {
                return nfe;
            }
            try {
                Solver s = solver.create();
                for (int budget = 1; budget <= 4 * labels + 16; budget++) {
                    if (s.stepsFor(budget) >= labels) {
                        return budget;
                    }
                }
            } catch (IllegalArgumentException e) {
                return nfe; // the job refuses the setting with its own message
            }
            return nfe;
        }

        /** {@code solver} with the last step to sigma = 0 where the config asks for it. */
        public SolverSpec solverSpec(SolverSpec solver) {
            try {
                return sigmaZeroEnd ? solver.withSigmaZeroEnd() : solver;
            } catch (IllegalArgumentException e) {
                throw new JobException(e.getMessage() + "; --sigma-min-end ends at label 0 instead");
            }
        }

        /**
         * The run's t_min: with a last step to sigma = 0, the time of the spacing's last timestep (the grid ends there,
         * the step to sigma = 0 follows); else {@code tMin} (NaN: the process' default, label 0).
         */
        public double tMin(SolverSpec solver, int nfe, double tMin) {
            if (floatLinspace) { // Euler's and Heun's linspace is not rounded: integers only where N - 1 divides T - 1
                int count = labels != null ? labels : stepsOf(solver, nfe);
                int t = (schedule != null ? schedule : process.schedule()).trainSteps();
                if (count > 1 && (t - 1) % (count - 1) != 0) {
                    throw new JobException("the linspace timesteps of EulerDiscreteScheduler and HeunDiscreteScheduler are "
                            + "linspace(0, " + (t - 1) + ", " + count + "), not integers (diffusers interpolates sigma "
                            + "between labels, the engine would round them); use a step count N with N - 1 dividing "
                            + (t - 1) + ", or timestep_spacing leading or trailing");
                }
            }
            if (!sigmaZeroEnd) {
                return tMin;
            }
            if (!Double.isNaN(tMin)) {
                throw new JobException("--t-min does not apply with a last step to sigma = 0 (the grid ends at the last "
                        + "timestep); give --sigma-min-end to end at --t-min");
            }
            int count = labels != null ? labels : stepsOf(solver, nfe);
            if (count < 1) {
                return tMin; // the job refuses the setting with its own message
            }
            DiscreteVp p = (schedule != null ? schedule : process.schedule()).process("labels");
            int[] k;
            try {
                k = DiscreteSpacing.labels(GridKind.valueOf(grid.toUpperCase(java.util.Locale.ROOT)), p, count);
            } catch (IllegalArgumentException e) {
                throw new JobException(e.getMessage());
            }
            int last = plusOne ? count - 2 : count - 1;
            if (last < 0) {
                throw new JobException("a last step to sigma = 0 needs at least one timestep before it");
            }
            return p.timeOf(k[last]);
        }

        private static int stepsOf(SolverSpec solver, int nfe) {
            try {
                return solver.create().stepsFor(nfe);
            } catch (IllegalArgumentException e) {
                return 0;
            }
        }
    }

    /**
     * Maps the config and flags onto the given settings (those the user gave win); refusals are {@link JobException}s
     * naming the file and key, warnings go to stderr.
     *
     * @param model the --model spec, to check {@code prediction_type} against the network's metadata
     */
    public Applied apply(ProcessKind process, SolverKind solver, Integer order, Boolean lowerOrderFinal, String grid,
            String model) {
        boolean betaFlags = betaSchedule != null || betaStart != null || betaEnd != null || trainSteps != null
                || stepsOffset != null;
        if (inferenceSteps != null && (inferenceSteps < 1 || mixee.commandLine().getParseResult().hasMatchedOption("--nfe"))) {
            throw new JobException(inferenceSteps < 1 ? "--num-inference-steps must be at least 1, got " + inferenceSteps
                    : "give --num-inference-steps or --nfe, not both");
        }
        boolean none = schedulerConfig != null && schedulerConfig.toString().equals("none");
        SchedulerConfig config = null;
        try {
            if (schedulerConfig != null && !none) {
                config = SchedulerConfig.read(schedulerConfig);
            } else if (!none && model != null && model.startsWith("onnx:") && model.length() > 5) {
                config = EmbeddedSchedulerConfig.find(Path.of(model.substring(5)));
                if (config != null) {
                    mixee.commandLine().getErr().println("note: using the " + config.source()
                            + " (--scheduler-config none ignores it)");
                }
            }
        } catch (SchedulerConfigException e) {
            throw new JobException(e.getMessage());
        }
        if (config == null && !betaFlags) {
            if (endAtSigmaMin || inferenceSteps != null) {
                throw new JobException((endAtSigmaMin ? "--sigma-min-end" : "--num-inference-steps")
                        + " applies with --scheduler-config");
            }
            return new Applied(process, null, solver, order, lowerOrderFinal, grid, null, false, false, false);
        }
        var parsed = mixee.commandLine().getParseResult();
        boolean processGiven = parsed.hasMatchedOption("--process");
        SchedulerMapping.Settings s = null;
        DiscreteSchedule schedule;
        try {
            if (config != null) {
                s = SchedulerMapping.map(config);
                schedule = s.schedule();
            } else {
                schedule = DiscreteSchedule.LINEAR;
            }
            schedule = withFlags(schedule);
        } catch (SchedulerConfigException e) {
            throw new JobException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new JobException("--beta-*: " + e.getMessage());
        }
        ProcessKind kind = ProcessKind.DDPM;
        DiscreteSchedule betas = schedule;
        if (processGiven && process != ProcessKind.DDPM) {
            if (process.schedule() == null || !process.schedule().equals(schedule)) {
                throw new JobException((s != null ? s.source() + " and the --beta-* flags describe " : "the --beta-* flags describe ")
                        + schedule + (process.schedule() == null ? ", a discrete process; use --process ddpm, not " + process
                        : ", not the preset --process " + process + " (" + process.schedule() + "); use --process ddpm"));
            }
            kind = process; // the preset itself: same betas and offset
            betas = null;
        }
        if (s == null) {
            if (endAtSigmaMin || inferenceSteps != null) {
                throw new JobException((endAtSigmaMin ? "--sigma-min-end" : "--num-inference-steps")
                        + " applies with --scheduler-config");
            }
            return new Applied(kind, betas, solver, order, lowerOrderFinal, grid, null, false, false, false);
        }
        var err = mixee.commandLine().getErr();
        if (!s.unknownKeys().isEmpty()) {
            err.println("warning: " + s.source() + ": unknown keys " + String.join(", ", s.unknownKeys())
                    + " (not read; docs/diffusers.md lists the keys the engine reads)");
        }
        if (!s.ignoredKeys().isEmpty()) {
            err.println("warning: " + s.source() + ": " + String.join(", ", s.ignoredKeys()) + " not used by "
                    + s.schedulerClass().diffusersName() + " (diffusers ignores them too)");
        }
        checkPrediction(s, model);
        SolverKind chosen = solver;
        if (!parsed.hasMatchedOption("--solver")) {
            chosen = s.solver();
        }
        boolean sigmaZero = s.zeroEnd() != null && !endAtSigmaMin;
        if (sigmaZero && !java.util.Set.of(SolverKind.DDIM, SolverKind.EULER, SolverKind.EDM_HEUN, SolverKind.DPMPP,
                SolverKind.UNIPC_BH1, SolverKind.UNIPC_BH2).contains(chosen)) {
            throw new JobException(s.source() + ": " + s.zeroEnd() + " asks for a last step to sigma = 0, which the "
                    + "engine takes after ddim, euler, edm-heun, dpmpp and unipc-* only (there it is first order, as in "
                    + "diffusers), not after " + chosen + "; add --sigma-min-end to end at label 0 (sigma_min) instead");
        }
        boolean sameSolver = chosen == s.solver();
        Integer q = order != null || !sameSolver ? order : s.order();
        Boolean lof = parsed.hasMatchedOption("--lower-order-final") || !sameSolver ? lowerOrderFinal : s.lowerOrderFinal();
        String g = grid != null ? grid : s.grid().toString();
        boolean spacing = g.equals("leading") || g.equals("trailing") || g.equals("linspace");
        if (sigmaZero && !spacing) {
            throw new JobException(s.source() + ": " + s.zeroEnd() + " (a last step to sigma = 0) needs a diffusers "
                    + "spacing, --grid leading, trailing or linspace, not " + g + "; or add --sigma-min-end");
        }
        // DPMSolverMultistep, UniPC and DEIS space N + 1 points for leading and linspace and drop the last
        boolean plusOne = s.schedulerClass().multistep() && !g.equals("trailing");
        Integer labels = null;
        if (inferenceSteps != null) {
            if (plusOne && !sigmaZero && g.equals("leading") && schedule.stepsOffset() > 0) {
                throw new JobException(s.source() + ": leading spacing with steps_offset " + schedule.stepsOffset()
                        + " under " + s.schedulerClass().diffusersName() + " drops a last timestep above label 0, which the "
                        + "engine's grids do not (they end at label 0); use timestep_spacing trailing or linspace");
            }
            if (!spacing) {
                throw new JobException("--num-inference-steps needs a diffusers spacing (--grid leading, trailing or linspace), not " + g);
            }
            labels = inferenceSteps + (plusOne ? 1 : 0);
        }
        boolean floatLinspace = g.equals("linspace") && (s.schedulerClass() == SchedulerMapping.SchedulerClass.EULER_DISCRETE_SCHEDULER
                || s.schedulerClass() == SchedulerMapping.SchedulerClass.HEUN_DISCRETE_SCHEDULER);
        return new Applied(kind, betas, chosen, q, lof, g, labels, sigmaZero, plusOne && labels != null, floatLinspace);
    }

    private DiscreteSchedule withFlags(DiscreteSchedule base) {
        DdpmBetas formula = base.betaSchedule();
        if (betaSchedule != null) {
            formula = switch (betaSchedule) {
                case "linear" -> DdpmBetas.LINEAR;
                case "scaled_linear" -> DdpmBetas.SCALED_LINEAR;
                case "squaredcos_cap_v2" -> DdpmBetas.COSINE;
                default -> throw new JobException("--beta-schedule must be linear, scaled_linear or squaredcos_cap_v2, got '"
                        + org.gddim.io.Printable.of(betaSchedule) + "'");
            };
        }
        boolean trained = base.trainedBetas() != null && betaSchedule == null && betaStart == null && betaEnd == null;
        double start = betaStart != null ? betaStart : !Double.isNaN(base.betaStart()) ? base.betaStart()
                : formula != null && !Double.isNaN(formula.betaStart()) ? formula.betaStart() : 0.0001;
        double end = betaEnd != null ? betaEnd : !Double.isNaN(base.betaEnd()) ? base.betaEnd()
                : formula != null && !Double.isNaN(formula.betaEnd()) ? formula.betaEnd() : 0.02;
        int t = trainSteps != null ? trainSteps : base.trainSteps();
        int offset = stepsOffset != null ? stepsOffset : base.stepsOffset();
        if (trained && trainSteps != null && trainSteps != base.trainSteps()) {
            throw new JobException("--num-train-timesteps " + trainSteps + " does not match the config's "
                    + base.trainSteps() + " trained_betas");
        }
        return trained ? new DiscreteSchedule(t, null, Double.NaN, Double.NaN, base.trainedBetas(), offset)
                : new DiscreteSchedule(t, formula == null ? DdpmBetas.LINEAR : formula, start, end, null, offset);
    }

    private static void checkPrediction(SchedulerMapping.Settings s, String model) {
        ModelSource source = org.gddim.job.SampleJob.model(model);
        Prediction has = source instanceof ModelSource.OnnxFile f ? metadata(f.file()).prediction() : Prediction.EPS;
        if (has != s.prediction()) {
            throw new JobException(s.source() + ": prediction_type = " + SchedulerMapping.predictionType(s.prediction())
                    + " but the model " + model + " predicts " + SchedulerMapping.predictionType(has)
                    + (source instanceof ModelSource.OnnxFile ? " (its gddim.prediction)" : " (an exact mixture gives eps)"));
        }
    }

    private static ModelMetadata metadata(Path file) {
        return OnnxScoreModel.metadataOf(file);
    }
}
