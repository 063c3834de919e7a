package org.gddim.diffusers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.gddim.model.Prediction;
import org.gddim.process.DdpmBetas;
import org.gddim.process.DiscreteSchedule;
import org.gddim.schedule.GridKind;
import org.gddim.solver.SolverKind;
import org.junit.jupiter.api.Test;

/**
 * diffusers scheduler configs mapped onto the engine: real published layouts parse to the settings they mean, every
 * result-changing key the engine does not reproduce is refused with a message that names it, unknown keys are
 * listed, and malformed files are one-line refusals naming the file.
 */
class SchedulerMappingTest {
    private static final String SOURCE = "scheduler config test.json";

    private static SchedulerMapping.Settings map(String json) {
        return SchedulerMapping.map(SchedulerConfig.parse(json, SOURCE));
    }

    /**
     * Stable Diffusion v1's scheduler/scheduler_config.json as diffusers 0.6.0 wrote it (the key layout quoted in
     * public code, e.g. the U-ViT conversion tests and diffusers' own documentation printouts).
     */
    static final String SD_PNDM = """
            {
              "_class_name": "PNDMScheduler",
              "_diffusers_version": "0.6.0",
              "beta_end": 0.012,
              "beta_schedule": "scaled_linear",
              "beta_start": 0.00085,
              "num_train_timesteps": 1000,
              "set_alpha_to_one": false,
              "skip_prk_steps": true,
              "steps_offset": 1,
              "trained_betas": null,
              "clip_sample": false
            }""";

    @Test
    void stableDiffusionPndmConfigIsPlmsOnTheScaledLinearPreset() {
        SchedulerMapping.Settings s = map(SD_PNDM);
        assertEquals(SolverKind.PLMS, s.solver()); // skip_prk_steps: CompVis PLMS
        assertEquals(DiscreteSchedule.SCALED_LINEAR, s.schedule()); // the ddpm-scaled-linear preset, steps offset 1
        assertEquals(GridKind.LEADING, s.grid());
        assertEquals(Prediction.EPS, s.prediction());
        assertNull(s.zeroEnd());
        assertEquals(List.of(), s.unknownKeys());
        assertEquals(List.of("clip_sample"), s.ignoredKeys()); // PNDMScheduler has no clip_sample
    }

    @Test
    void stableDiffusionDdimLayoutParses() {
        // the same keys under DDIMScheduler (how SD pipelines swap schedulers), diffusers 0.26 adds these three
        String ddim = SD_PNDM.replace("PNDMScheduler", "DDIMScheduler").replace("\"clip_sample\": false", "\"clip_sample\": "
                + "false, \"prediction_type\": \"v_prediction\", \"timestep_spacing\": \"trailing\", \"rescale_betas_zero_snr\": false");
        SchedulerMapping.Settings s = map(ddim);
        assertEquals(SolverKind.DDIM, s.solver());
        assertEquals(Prediction.V, s.prediction());
        assertEquals(GridKind.TRAILING, s.grid());
        assertEquals(List.of("skip_prk_steps"), s.ignoredKeys());
    }

    @Test
    void classesPickTheirSolversAndDefaults() {
        SchedulerMapping.Settings dpm = map("{\"_class_name\": \"DPMSolverMultistepScheduler\", \"solver_order\": 3}");
        assertEquals(SolverKind.DPMPP, dpm.solver());
        assertEquals(3, dpm.order());
        assertEquals(true, dpm.lowerOrderFinal());
        assertEquals(GridKind.LINSPACE, dpm.grid()); // its default spacing
        assertTrue(dpm.zeroEnd().startsWith("final_sigmas_type = zero"), dpm.zeroEnd()); // its default end
        assertEquals(SolverKind.UNIPC_BH1, map("{\"_class_name\": \"UniPCMultistepScheduler\", \"solver_type\": \"bh1\"}").solver());
        assertEquals(SolverKind.UNIPC_BH2, map("{\"_class_name\": \"UniPCMultistepScheduler\"}").solver());
        assertEquals(SolverKind.F_PNDM, map("{\"_class_name\": \"PNDMScheduler\"}").solver()); // PRK warm-up, then PLMS
        assertEquals(SolverKind.EULER, map("{\"_class_name\": \"EulerDiscreteScheduler\"}").solver());
        assertEquals(SolverKind.EDM_HEUN, map("{\"_class_name\": \"HeunDiscreteScheduler\"}").solver());
        SchedulerMapping.Settings deis = map("{\"_class_name\": \"DEISMultistepScheduler\"}");
        assertEquals(SolverKind.DEIS_LOGRHO, deis.solver());
        assertEquals(2, deis.order());
        assertNull(deis.zeroEnd()); // diffusers' DEIS ends at alphas_cumprod[0]
        DiscreteSchedule cos = map("{\"_class_name\": \"DDIMScheduler\", \"clip_sample\": false, \"beta_schedule\": "
                + "\"squaredcos_cap_v2\", \"num_train_timesteps\": 500}").schedule();
        assertEquals(new DiscreteSchedule(500, DdpmBetas.COSINE, Double.NaN, Double.NaN, null, 0), cos);
        DiscreteSchedule trained = map("{\"_class_name\": \"DDIMScheduler\", \"clip_sample\": false, \"num_train_timesteps\": 3, "
                + "\"trained_betas\": [0.1, 0.2, 0.3]}").schedule();
        assertEquals(0.9 * 0.8 * 0.7, trained.process("x").alphaBarAt(2), 1e-15);
    }

    @Test
    void everyRefusedKeyNamesItself() {
        String ddim = "{\"_class_name\": \"DDIMScheduler\", \"clip_sample\": false, ";
        String dpm = "{\"_class_name\": \"DPMSolverMultistepScheduler\", ";
        String[][] cases = { // {config, the key its refusal must name}
            {"{\"_class_name\": \"DDIMScheduler\"}", "clip_sample"}, // absent: DDIMScheduler's default is true
            {ddim + "\"thresholding\": true}", "thresholding"},
            {ddim + "\"rescale_betas_zero_snr\": true}", "rescale_betas_zero_snr"},
            {ddim + "\"beta_schedule\": \"sigmoid\"}", "beta_schedule"},
            {ddim + "\"prediction_type\": \"flow\"}", "prediction_type"},
            {ddim + "\"timestep_spacing\": \"karras\"}", "timestep_spacing"},
            {ddim + "\"num_train_timesteps\": 1.5}", "num_train_timesteps"},
            {ddim + "\"steps_offset\": 1000}", "steps_offset"},
            {ddim + "\"beta_start\": 0}", "beta_start"},
            {ddim + "\"trained_betas\": [0.1, \"x\"]}", "trained_betas[1]"},
            {ddim + "\"num_train_timesteps\": 3, \"trained_betas\": [0.1, 0.2]}", "trained_betas"},
            {ddim + "\"set_alpha_to_one\": \"yes\"}", "set_alpha_to_one"},
            {dpm + "\"use_karras_sigmas\": true}", "use_karras_sigmas"},
            {dpm + "\"use_lu_lambdas\": true}", "use_lu_lambdas"},
            {dpm + "\"algorithm_type\": \"sde-dpmsolver++\"}", "algorithm_type"},
            {dpm + "\"solver_type\": \"heun\"}", "solver_type"},
            {dpm + "\"solver_order\": 4}", "solver_order"},
            {dpm + "\"euler_at_final\": true}", "euler_at_final"},
            {dpm + "\"lambda_min_clipped\": -5.1}", "lambda_min_clipped"},
            {dpm + "\"variance_type\": \"learned_range\"}", "variance_type"},
            {dpm + "\"thresholding\": true}", "thresholding"},
            {dpm + "\"final_sigmas_type\": \"denoise\"}", "final_sigmas_type"},
            {"{\"_class_name\": \"UniPCMultistepScheduler\", \"predict_x0\": false}", "predict_x0"},
            {"{\"_class_name\": \"DEISMultistepScheduler\", \"solver_type\": \"bh2\"}", "solver_type"},
            {"{\"_class_name\": \"UniPCMultistepScheduler\", \"disable_corrector\": [0]}", "disable_corrector"},
            {"{\"_class_name\": \"EulerDiscreteScheduler\", \"interpolation_type\": \"log_linear\"}", "interpolation_type"},
            {"{\"_class_name\": \"EulerDiscreteScheduler\", \"timestep_type\": \"continuous\"}", "timestep_type"},
            {"{\"_class_name\": \"EulerDiscreteScheduler\", \"sigma_min\": 0.1}", "sigma_min"},
            {"{\"_class_name\": \"LMSDiscreteScheduler\"}", "_class_name"},
            {"{\"beta_end\": 0.02}", "_class_name"},
        };
        for (String[] c : cases) {
            SchedulerConfigException e = assertThrows(SchedulerConfigException.class, () -> map(c[0]), c[0]);
            assertTrue(e.getMessage().startsWith(SOURCE + ": " + c[1]) || e.getMessage().startsWith(SOURCE + " lacks " + c[1]),
                    c[1] + ": " + e.getMessage());
            assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        }
    }

    @Test
    void keysOfOtherClassesAreIgnoredAsDiffusersIgnoresThem() {
        // DDIMScheduler has no use_karras_sigmas: diffusers' from_config ignores it, so it changes nothing
        SchedulerMapping.Settings s = map("{\"_class_name\": \"DDIMScheduler\", \"clip_sample\": false, \"use_karras_sigmas\": true, "
                + "\"solver_order\": 3, \"my_key\": 1}");
        assertEquals(List.of("use_karras_sigmas", "solver_order"), s.ignoredKeys());
        assertEquals(List.of("my_key"), s.unknownKeys());
        assertNull(s.order());
    }

    @Test
    void malformedFilesAreOneLineRefusals() {
        for (String bad : new String[] {"", "[1, 2]", "{\"_class_name\": \"DDIMScheduler\",", "{\"a\": 1, \"a\": 2}", "null", "\"x\""}) {
            SchedulerConfigException e = assertThrows(SchedulerConfigException.class, () -> map(bad), bad);
            assertTrue(e.getMessage().startsWith(SOURCE) && e.getMessage().lines().count() == 1, e.getMessage());
        }
        // Python's json writes -Infinity for lambda_min_clipped's default: it is read
        assertEquals(SolverKind.DPMPP, map("{\"_class_name\": \"DPMSolverMultistepScheduler\", \"lambda_min_clipped\": -Infinity}").solver());
    }
}
