package org.gddim.diffusers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gddim.model.Prediction;
import org.gddim.process.DdpmBetas;
import org.gddim.process.DiscreteSchedule;
import org.gddim.schedule.GridKind;
import org.gddim.solver.SolverKind;

/**
 * A diffusers scheduler config mapped onto the engine (docs/diffusers.md has the table): {@code _class_name} picks the
 * solver, the beta keys give the {@link DiscreteSchedule}, {@code timestep_spacing} the grid, and the solver keys the
 * order and the final-step rule. A key that is absent takes diffusers' default for that class. Keys that change
 * results in a way the engine does not reproduce are refused by name ({@link SchedulerConfigException}); keys the
 * engine does not know are returned in {@link Settings#unknownKeys()} for a warning.
 */
public final class SchedulerMapping {
    private SchedulerMapping() {}

    /** The diffusers scheduler classes the engine maps, with the solver each one is. */
    public enum SchedulerClass {
        DDIM_SCHEDULER("DDIMScheduler"),
        PNDM_SCHEDULER("PNDMScheduler"),
        DPM_SOLVER_MULTISTEP_SCHEDULER("DPMSolverMultistepScheduler"),
        UNI_PC_MULTISTEP_SCHEDULER("UniPCMultistepScheduler"),
        DEIS_MULTISTEP_SCHEDULER("DEISMultistepScheduler"),
        EULER_DISCRETE_SCHEDULER("EulerDiscreteScheduler"),
        HEUN_DISCRETE_SCHEDULER("HeunDiscreteScheduler");

        private final String diffusersName;

        SchedulerClass(String diffusersName) {
            this.diffusersName = diffusersName;
        }

        /** diffusers' class name. */
        public String diffusersName() {
            return diffusersName;
        }

        /** Whether it is one of diffusers' multistep exponential integrators (their N + 1 point spacings). */
        public boolean multistep() {
            return this == DPM_SOLVER_MULTISTEP_SCHEDULER || this == UNI_PC_MULTISTEP_SCHEDULER
                    || this == DEIS_MULTISTEP_SCHEDULER;
        }
    }

    /**
     * What a config says, in the engine's terms.
     *
     * @param source the config's name in messages
     * @param schedulerClass the scheduler it configures
     * @param schedule the betas and steps offset (process ddpm)
     * @param prediction what the network predicts ({@code prediction_type})
     * @param solver the engine solver of the class
     * @param order {@code solver_order} for the multistep classes, else null (the solver's own)
     * @param lowerOrderFinal {@code lower_order_final} for DPM-Solver++ and UniPC, else null
     * @param grid the timestep spacing
     * @param zeroEnd what asks for a last step to sigma = 0 (e.g. "set_alpha_to_one = true"), or null; the
     *     engine's grids end at sigma_min (label 0)
     * @param unknownKeys keys the engine does not know (a warning lists them)
     * @param ignoredKeys keys of other scheduler classes, which this class does not use (diffusers ignores them too)
     */
    public record Settings(String source, SchedulerClass schedulerClass, DiscreteSchedule schedule, Prediction prediction,
            SolverKind solver, Integer order, Boolean lowerOrderFinal, GridKind grid,
            String zeroEnd, List<String> unknownKeys, List<String> ignoredKeys) {
        public Settings {
            unknownKeys = List.copyOf(unknownKeys);
            ignoredKeys = List.copyOf(ignoredKeys);
        }
    }

    /**
     * Keys the engine reads or checks (with the refusals below); anything else is reported as unknown. Informational:
     * {@code _class_name}, {@code _diffusers_version}.
     */
    static final Set<String> KNOWN = Set.of("_class_name", "_diffusers_version", "num_train_timesteps", "beta_start",
            "beta_end", "beta_schedule", "trained_betas", "steps_offset", "prediction_type", "timestep_spacing",
            "set_alpha_to_one", "final_sigmas_type", "clip_sample", "clip_sample_range", "thresholding",
            "dynamic_thresholding_ratio", "sample_max_value", "use_karras_sigmas", "use_lu_lambdas",
            "use_exponential_sigmas", "use_beta_sigmas", "lower_order_final", "solver_order", "algorithm_type",
            "solver_type", "skip_prk_steps", "rescale_betas_zero_snr", "predict_x0", "disable_corrector",
            "lambda_min_clipped", "variance_type", "euler_at_final", "timestep_type", "interpolation_type",
            "sigma_min", "sigma_max", "use_flow_sigmas", "flow_shift");

    /** Maps {@code config}; refuses what the engine cannot reproduce, naming the file and key. */
    public static Settings map(SchedulerConfig config) {
        SchedulerClass cls = schedulerClass(config);
        boolean multistep = cls.multistep();

        DiscreteSchedule schedule = schedule(config);
        Prediction prediction = switch (config.string("prediction_type", "epsilon")) {
            case "epsilon" -> Prediction.EPS;
            case "sample" -> Prediction.X0;
            case "v_prediction" -> Prediction.V;
            default -> throw config.refuse("prediction_type", "is not one of epsilon, sample, v_prediction");
        };
        String spacingDefault = cls == SchedulerClass.DDIM_SCHEDULER || cls == SchedulerClass.PNDM_SCHEDULER ? "leading" : "linspace";
        GridKind grid = switch (config.string("timestep_spacing", spacingDefault)) {
            case "leading" -> GridKind.LEADING;
            case "trailing" -> GridKind.TRAILING;
            case "linspace" -> GridKind.LINSPACE;
            default -> throw config.refuse("timestep_spacing", "is not one of leading, trailing, linspace");
        };

        // Result-changing options the engine does not do: refused unless at their neutral value. A key of another
        // class (e.g. skip_prk_steps in a DDIM config) is ignored, as diffusers' from_config ignores it.
        if (uses(cls, "clip_sample")) {
            refuseIf(config, "clip_sample", config.bool("clip_sample", cls == SchedulerClass.DDIM_SCHEDULER),
                    "(clipping x0 to [-clip_sample_range, clip_sample_range] inside every step) is not supported: the "
                            + "engine's steps are linear in the state; set it to false to sample without clipping"
                            + (has(config, "clip_sample") ? "" : " (absent: DDIMScheduler's default is true)"));
            config.number("clip_sample_range", 1.0);
        }
        if (uses(cls, "thresholding")) {
            refuseIf(config, "thresholding", config.bool("thresholding", false),
                    "(dynamic thresholding of x0, Imagen) is not supported; set it to false");
            config.number("dynamic_thresholding_ratio", 0.995);
            config.number("sample_max_value", 1.0);
        }
        refuseIf(config, "rescale_betas_zero_snr", config.bool("rescale_betas_zero_snr", false),
                "(betas rescaled to a zero terminal SNR) is not supported");
        if (uses(cls, "use_karras_sigmas")) {
            for (String key : List.of("use_karras_sigmas", "use_lu_lambdas", "use_exponential_sigmas", "use_beta_sigmas",
                    "use_flow_sigmas")) {
                refuseIf(config, key, config.bool(key, false), "is not supported: the engine's grids for a discrete "
                        + "process are diffusers' integer timesteps (leading, trailing, linspace); its --grid edm (Karras) "
                        + "and logsnr are continuous in t and differ from diffusers' sigma interpolation");
            }
            for (String key : List.of("sigma_min", "sigma_max", "flow_shift")) {
                if (config.has(key)) {
                    throw config.refuse(key, "is not supported (only null)");
                }
            }
            refuseIf(config, "timestep_type", !config.string("timestep_type", "discrete").equals("discrete"),
                    "is not supported (only discrete)");
            refuseIf(config, "interpolation_type", !config.string("interpolation_type", "linear").equals("linear"),
                    "is not supported (only linear)");
        }
        if (multistep) {
            refuseIf(config, "euler_at_final", config.bool("euler_at_final", false), "is not supported");
            double lambdaMin = config.number("lambda_min_clipped", Double.NEGATIVE_INFINITY);
            refuseIf(config, "lambda_min_clipped", lambdaMin != Double.NEGATIVE_INFINITY, "is not supported (only -inf)");
            if (config.has("variance_type")) {
                throw config.refuse("variance_type", "is not supported (learned variances; only null)");
            }
        }
        if (cls == SchedulerClass.UNI_PC_MULTISTEP_SCHEDULER) {
            refuseIf(config, "predict_x0", !config.bool("predict_x0", true), "(UniPC in noise-prediction form) is not "
                    + "supported: the engine's UniPC is the data-prediction form (predict_x0 true)");
            if (config.has("disable_corrector") && !(config.keys().get("disable_corrector").isArray()
                    && config.keys().get("disable_corrector").isEmpty())) {
                throw config.refuse("disable_corrector", "is not supported (only [], the corrector on every step)");
            }
        }

        // The end of the schedule: sigma_min (label 0) is what the engine's grids do.
        String zeroEnd = null;
        if (cls == SchedulerClass.DDIM_SCHEDULER || cls == SchedulerClass.PNDM_SCHEDULER) {
            if (config.bool("set_alpha_to_one", cls == SchedulerClass.DDIM_SCHEDULER)) {
                zeroEnd = "set_alpha_to_one = true" + (has(config, "set_alpha_to_one") ? "" : " (" + cls.diffusersName()
                        + "'s default)");
            }
        } else if (cls == SchedulerClass.HEUN_DISCRETE_SCHEDULER) {
            zeroEnd = "HeunDiscreteScheduler (its sigmas always end with 0)";
        } else {
            // DEISMultistepScheduler ends at sigma_min (alphas_cumprod[0]) without the key; the others at zero
            String finalSigmas = config.string("final_sigmas_type",
                    cls == SchedulerClass.DEIS_MULTISTEP_SCHEDULER ? "sigma_min" : "zero");
            if (!finalSigmas.equals("zero") && !finalSigmas.equals("sigma_min")) {
                throw config.refuse("final_sigmas_type", "is not one of zero, sigma_min");
            }
            if (finalSigmas.equals("zero")) {
                zeroEnd = "final_sigmas_type = zero" + (has(config, "final_sigmas_type") ? "" : " (" + cls.diffusersName()
                        + "'s default)");
            }
        }

        SolverKind solver = null;
        Integer order = null;
        Boolean lowerOrderFinal = null;
        switch (cls) {
            case DDIM_SCHEDULER -> solver = SolverKind.DDIM;
            case PNDM_SCHEDULER -> solver = config.bool("skip_prk_steps", false) ? SolverKind.PLMS : SolverKind.F_PNDM;
            case EULER_DISCRETE_SCHEDULER -> solver = SolverKind.EULER;
            case HEUN_DISCRETE_SCHEDULER -> solver = SolverKind.EDM_HEUN;
            case DPM_SOLVER_MULTISTEP_SCHEDULER -> {
                String algorithm = config.string("algorithm_type", "dpmsolver++");
                if (!algorithm.equals("dpmsolver++")) {
                    throw config.refuse("algorithm_type", "is not supported (only dpmsolver++, the multistep "
                            + "data-prediction solver; the SDE variants and the noise-prediction dpmsolver are not implemented)");
                }
                refuseIf(config, "solver_type", !config.string("solver_type", "midpoint").equals("midpoint"),
                        "is not supported (only midpoint, the DPM-Solver++ 2M of the paper)");
                solver = SolverKind.DPMPP;
                order = config.integer("solver_order", 2, 1, 3);
                lowerOrderFinal = config.bool("lower_order_final", true);
            }
            case UNI_PC_MULTISTEP_SCHEDULER -> {
                solver = switch (config.string("solver_type", "bh2")) {
                    case "bh1" -> SolverKind.UNIPC_BH1;
                    case "bh2" -> SolverKind.UNIPC_BH2;
                    default -> throw config.refuse("solver_type", "is not one of bh1, bh2");
                };
                order = config.integer("solver_order", 2, 1, 3);
                lowerOrderFinal = config.bool("lower_order_final", true);
            }
            case DEIS_MULTISTEP_SCHEDULER -> {
                if (!config.string("algorithm_type", "deis").equals("deis")) {
                    throw config.refuse("algorithm_type", "is not one of deis");
                }
                refuseIf(config, "solver_type", !config.string("solver_type", "logrho").equals("logrho"),
                        "is not one of logrho");
                solver = SolverKind.DEIS_LOGRHO;
                order = config.integer("solver_order", 2, 1, 3);
                lowerOrderFinal = config.bool("lower_order_final", true);
            }
        }
        List<String> unknown = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String key : config.keys().keySet()) {
            if (!KNOWN.contains(key)) {
                unknown.add(key);
            } else if (!uses(cls, key)) {
                ignored.add(key);
            }
        }
        return new Settings(config.source(), cls, schedule, prediction, solver, order, lowerOrderFinal, grid,
                zeroEnd, unknown, ignored);
    }

    /** Whether diffusers' scheduler {@code cls} has the option {@code key} (others are ignored by its from_config). */
    static boolean uses(SchedulerClass cls, String key) {
        boolean multistep = cls.multistep();
        boolean sigmas = multistep || cls == SchedulerClass.EULER_DISCRETE_SCHEDULER || cls == SchedulerClass.HEUN_DISCRETE_SCHEDULER;
        return switch (key) {
            case "clip_sample", "clip_sample_range" -> cls == SchedulerClass.DDIM_SCHEDULER || cls == SchedulerClass.HEUN_DISCRETE_SCHEDULER;
            case "set_alpha_to_one" -> cls == SchedulerClass.DDIM_SCHEDULER || cls == SchedulerClass.PNDM_SCHEDULER;
            case "skip_prk_steps" -> cls == SchedulerClass.PNDM_SCHEDULER;
            case "thresholding", "dynamic_thresholding_ratio", "sample_max_value" -> multistep || cls == SchedulerClass.DDIM_SCHEDULER;
            case "use_karras_sigmas", "use_lu_lambdas", "use_exponential_sigmas", "use_beta_sigmas", "use_flow_sigmas",
                    "sigma_min", "sigma_max", "flow_shift", "timestep_type", "interpolation_type" -> sigmas;
            case "final_sigmas_type" -> sigmas && cls != SchedulerClass.HEUN_DISCRETE_SCHEDULER;
            case "solver_order", "lower_order_final", "algorithm_type", "solver_type", "euler_at_final",
                    "lambda_min_clipped", "variance_type" -> multistep;
            case "predict_x0", "disable_corrector" -> cls == SchedulerClass.UNI_PC_MULTISTEP_SCHEDULER;
            default -> true; // the betas, spacing, prediction and class keys of every scheduler
        };
    }

    private static boolean has(SchedulerConfig config, String key) {
        return config.keys().containsKey(key);
    }

    private static SchedulerClass schedulerClass(SchedulerConfig config) {
        if (!config.has("_class_name")) {
            throw new SchedulerConfigException(config.source() + " lacks _class_name (the diffusers scheduler, e.g. "
                    + "\"DDIMScheduler\")");
        }
        String name = config.string("_class_name", null);
        for (SchedulerClass c : SchedulerClass.values()) {
            if (c.diffusersName().equals(name)) {
                return c;
            }
        }
        StringBuilder names = new StringBuilder();
        for (SchedulerClass c : SchedulerClass.values()) {
            names.append(names.isEmpty() ? "" : ", ").append(c.diffusersName());
        }
        throw config.refuse("_class_name", "is not a scheduler the engine maps (" + names + ")");
    }

    private static DiscreteSchedule schedule(SchedulerConfig config) {
        int trainSteps = config.integer("num_train_timesteps", 1000, 2, 100_000);
        int offset = config.integer("steps_offset", 0, 0, trainSteps - 1);
        double[] trained = config.numbers("trained_betas");
        DdpmBetas betas = switch (config.string("beta_schedule", "linear")) {
            case "linear" -> DdpmBetas.LINEAR;
            case "scaled_linear" -> DdpmBetas.SCALED_LINEAR;
            case "squaredcos_cap_v2" -> DdpmBetas.COSINE;
            default -> throw config.refuse("beta_schedule", "is not one of linear, scaled_linear, squaredcos_cap_v2");
        };
        double start = config.number("beta_start", 0.0001);
        double end = config.number("beta_end", 0.02);
        try {
            return new DiscreteSchedule(trainSteps, betas, start, end, trained, offset);
        } catch (IllegalArgumentException e) {
            throw new SchedulerConfigException(config.source() + ": " + e.getMessage());
        }
    }

    private static void refuseIf(SchedulerConfig config, String key, boolean condition, String why) {
        if (condition) {
            throw config.refuse(key, why);
        }
    }

    /** diffusers' prediction_type of an engine prediction, for messages. */
    public static String predictionType(Prediction p) {
        return switch (p) {
            case EPS -> "epsilon";
            case X0 -> "sample";
            case V -> "v_prediction";
            case EDM_DENOISER -> "edm denoiser (no diffusers prediction_type)";
        };
    }

    /** The keys read (for the docs' table test). */
    public static Set<String> knownKeys() {
        return KNOWN;
    }
}
