package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gddim.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * diffusers' own full-loop scheduler tests reproduced through the whole engine: `gddim sample --scheduler-config`
 * with the test's config, the test's dummy network as an ONNX file run by ONNX Runtime
 * ({@code tools/diffusers/make_dummy_model.py}: eps(x, t) = x t/(t + 1) at the integer timestep t) and the test's
 * deterministic dummy sample as the starting state ({@code --init-noise}; the discrete VP prior has std 1, so the
 * state starts as that sample). The expected sums and means of |x| and their tolerances are diffusers' asserted
 * numbers (external references; each case names its file and test in huggingface/diffusers, tests/schedulers/).
 * The engine computes the coefficients in double and the steps in float32 (native backend), diffusers in float32
 * throughout; the tolerances absorb that.
 */
class DiffusersFullLoopTest {
    @TempDir
    Path dir;

    /**
     * diffusers' SchedulerCommonTest.dummy_sample_deter: arange(4 * 3 * 8 * 8) / 768 laid out as (3, 8, 8, 4) and
     * permuted to (batch 4, 3, 8, 8), so element (b, c, h, w) is (((c * 8 + h) * 8 + w) * 4 + b) / 768.
     */
    static float[] dummySampleDeter() {
        float[] x = new float[768];
        for (int b = 0; b < 4; b++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 8; h++) {
                    for (int w = 0; w < 8; w++) {
                        x[((b * 3 + c) * 8 + h) * 8 + w] = (float) ((((c * 8 + h) * 8 + w) * 4 + b) / 768.0);
                    }
                }
            }
        }
        return x;
    }

    /** Copies the committed dummy network into the test folder (with an optional sidecar); returns its path. */
    Path dummyModel(String sidecar) throws IOException {
        Path onnx = dir.resolve("dummy.onnx");
        try (InputStream in = getClass().getResourceAsStream("/org/gddim/diffusers/dummy-x-t.onnx")) {
            Files.copy(in, onnx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (sidecar != null) {
            Files.writeString(dir.resolve("dummy.meta.json"), sidecar);
        }
        return onnx;
    }

    /** Runs sample on the dummy network and sample; returns {sum |x|, mean |x|} of the result. */
    double[] fullLoop(String config, String sidecar, String... extra) throws IOException {
        Path onnx = dummyModel(sidecar);
        Path cfg = dir.resolve("scheduler_config.json");
        Files.writeString(cfg, config);
        Path start = dir.resolve("sample.npy");
        Npy.write(start, new long[] {4, 3, 8, 8}, dummySampleDeter());
        Path out = dir.resolve("out");
        String[] base = {"sample", "--scheduler-config", cfg.toString(), "--model", "onnx:" + onnx, "--init-noise",
                start.toString(), "--n", "4", "--threads", "1", "--out", out.toString(), "--force", "--progress", "off",
                "--num-inference-steps", "10"}; // every full_loop of diffusers' tests runs 10 inference steps
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Cli r = Cli.run(args);
        assertEquals(0, r.exit(), r.err());
        float[] x = Npy.readAll(out.resolve("samples.npy"));
        double sum = 0;
        for (float v : x) {
            sum += Math.abs(v);
        }
        System.out.printf("diffusers full loop %s %s: sum %.4f mean %.6f%n", config.replace("\n", " "),
                String.join(" ", extra), sum, sum / x.length);
        return new double[] {sum, sum / x.length};
    }

    private static void assertDiffusers(double sum, double mean, double[] got) {
        assertEquals(sum, got[0], 1e-2, "result_sum");
        assertEquals(mean, got[1], 1e-3, "result_mean");
    }

    private static final String LINEAR = "\"num_train_timesteps\": 1000, \"beta_end\": 0.02, \"beta_schedule\": \"linear\"";

    @Test
    void pndmFullLoopNoNoise() throws IOException {
        // test_scheduler_pndm.py, PNDMSchedulerTest.test_full_loop_no_noise: 10 inference steps, skip_prk_steps
        // false (3 PRK steps 900 -> 600, then PLMS to label 0): the engine's f-pndm on the leading grid, NFE 19
        // (diffusers spends one more, on its zero-length step from label 0 to alphas_cumprod[0]).
        double[] r = fullLoop("{\"_class_name\": \"PNDMScheduler\", " + LINEAR + ", \"beta_start\": 0.0001}", null);
        assertDiffusers(198.1318, 0.2580, r);
    }

    @Test
    void pndmFullLoopNoSetAlphaToOne() throws IOException {
        // test_scheduler_pndm.py, PNDMSchedulerTest.test_full_loop_with_no_set_alpha_to_one (beta_start 0.01)
        double[] r = fullLoop("{\"_class_name\": \"PNDMScheduler\", " + LINEAR + ", \"beta_start\": 0.01, "
                + "\"set_alpha_to_one\": false}", null);
        assertDiffusers(186.9482, 0.2434, r);
    }

    private static final String DDIM = "{\"_class_name\": \"DDIMScheduler\", " + LINEAR + ", \"clip_sample\": false, ";

    @Test
    void ddimFullLoopNoNoise() throws IOException {
        // test_scheduler_ddim.py, DDIMSchedulerTest.test_full_loop_no_noise: leading 900 .. 0, then set_alpha_to_one
        // (DDIMScheduler's default): the last step from label 0 to alpha = 1 is SigmaZeroEnd's x0. diffusers' config has
        // clip_sample true; see ddimFullLoopNoSetAlphaToOne for why false gives the same numbers.
        assertDiffusers(172.0067, 0.223967, fullLoop(DDIM + "\"beta_start\": 0.0001}", null));
    }

    @Test
    void ddimFullLoopWithVPrediction() throws IOException {
        // test_scheduler_ddim.py, DDIMSchedulerTest.test_full_loop_with_v_prediction
        assertDiffusers(52.5302, 0.0684, fullLoop(DDIM + "\"beta_start\": 0.0001, \"prediction_type\": \"v_prediction\"}", V_MODEL));
    }

    @Test
    void ddimFullLoopWithSetAlphaToOne() throws IOException {
        // test_scheduler_ddim.py, DDIMSchedulerTest.test_full_loop_with_set_alpha_to_one (beta_start 0.01)
        assertDiffusers(149.8295, 0.1951, fullLoop(DDIM + "\"beta_start\": 0.01, \"set_alpha_to_one\": true}", null));
    }

    @Test
    void ddimFullLoopNoSetAlphaToOne() throws IOException {
        // test_scheduler_ddim.py, DDIMSchedulerTest.test_full_loop_with_no_set_alpha_to_one (beta_start 0.01),
        // 10 inference steps: leading 900 .. 0, the last a zero-length step from label 0 to alphas_cumprod[0], which
        // the engine drops (9 steps, NFE 9). diffusers' config has clip_sample true; the engine refuses clipping, so
        // this config says false: along this loop |x0_hat| stays below 1, so clipping never acts in diffusers either
        // (the asserted numbers agree to the tolerance, which a clipped x0 would not).
        double[] r = fullLoop("{\"_class_name\": \"DDIMScheduler\", " + LINEAR + ", \"beta_start\": 0.01, "
                + "\"clip_sample\": false, \"set_alpha_to_one\": false}", null);
        assertDiffusers(149.0784, 0.1941, r);
    }

    /** DPMSolverMultistepSchedulerTest.get_scheduler_config (diffusers at 9519ffc), its final_sigmas_type sigma_min. */
    private static final String DPM = "{\"_class_name\": \"DPMSolverMultistepScheduler\", " + LINEAR + ", \"beta_start\": "
            + "0.0001, \"solver_order\": 2, \"thresholding\": false, \"sample_max_value\": 1.0, \"algorithm_type\": "
            + "\"dpmsolver++\", \"solver_type\": \"midpoint\", \"lower_order_final\": false, \"euler_at_final\": false, "
            + "\"lambda_min_clipped\": -Infinity, \"variance_type\": null, \"final_sigmas_type\": \"sigma_min\", \"prediction_type\": ";

    private static final String V_MODEL = "{\"gddim.prediction\": \"v\"}"; // the same graph read as a v-prediction

    @Test
    void dpmSolverMultistepFullLoopNoNoise() throws IOException {
        // test_scheduler_dpm_multi.py, DPMSolverMultistepSchedulerTest.test_full_loop_no_noise (result_mean only):
        // linspace of 11 points, the last (label 0) dropped, DPM-Solver++ 2M without lower_order_final, and its
        // last step (order 2) to sigma_min (label 0), as the test's config says
        double[] r = fullLoop(DPM + "\"epsilon\"}", null);
        assertEquals(0.3301, r[1], 1e-3, "result_mean");
    }

    @Test
    void dpmSolverMultistepFullLoopWithVPrediction() throws IOException {
        // test_scheduler_dpm_multi.py, DPMSolverMultistepSchedulerTest.test_full_loop_with_v_prediction
        double[] r = fullLoop(DPM + "\"v_prediction\"}", V_MODEL);
        assertEquals(0.2251, r[1], 1e-3, "result_mean");
    }

    private static final String UNIPC = "{\"_class_name\": \"UniPCMultistepScheduler\", " + LINEAR + ", \"beta_start\": "
            + "0.0001, \"solver_order\": 2, \"solver_type\": \"bh1\", \"final_sigmas_type\": \"sigma_min\", "
            + "\"prediction_type\": ";

    @Test
    void uniPcFullLoopNoNoise() throws IOException {
        // test_scheduler_unipc.py, UniPCMultistepSchedulerTest.test_full_loop_no_noise: UniPC bh1 order 2 with its
        // corrector, lower_order_final (default true), linspace of 11 points with the last dropped, ending at label 0.
        // The test (diffusers at 18dcab7) predates final_sigmas_type: its UniPC ended at alphas_cumprod[0], which is
        // final_sigmas_type sigma_min today (diffusers' new default "zero" gives mean 0.2489 here, 3e-3 away).
        double[] r = fullLoop(UNIPC + "\"epsilon\"}", null);
        assertEquals(0.2521, r[1], 1e-3, "result_mean");
    }

    @Test
    void uniPcFullLoopWithVPrediction() throws IOException {
        // test_scheduler_unipc.py, UniPCMultistepSchedulerTest.test_full_loop_with_v_prediction
        double[] r = fullLoop(UNIPC + "\"v_prediction\"}", V_MODEL);
        assertEquals(0.1096, r[1], 1e-3, "result_mean");
    }

    private static final String DEIS = "{\"_class_name\": \"DEISMultistepScheduler\", " + LINEAR + ", \"beta_start\": "
            + "0.0001, \"solver_order\": 2, \"prediction_type\": ";

    @Test
    void deisFullLoopNoNoise() throws IOException {
        // test_scheduler_deis.py, DEISMultistepSchedulerTest.test_full_loop_no_noise (diffusers at bbdabab): deis-logrho
        // q=2 with lower_order_final, linspace of 11 points with the last dropped, ending at alphas_cumprod[0]
        assertEquals(0.23916, fullLoop(DEIS + "\"epsilon\"}", null)[1], 1e-3, "result_mean");
    }

    @Test
    void deisFullLoopWithVPrediction() throws IOException {
        // test_scheduler_deis.py, DEISMultistepSchedulerTest.test_full_loop_with_v_prediction
        assertEquals(0.091, fullLoop(DEIS + "\"v_prediction\"}", V_MODEL)[1], 1e-3, "result_mean");
    }

    private static final String EULER = "{\"_class_name\": \"EulerDiscreteScheduler\", " + LINEAR + ", \"beta_start\": 0.0001}";

    @Test
    void eulerAndHeunEndAtSigmaZeroLikeAnIndependentReference() throws IOException {
        // Not diffusers' asserted numbers: its Euler/Heun full-loop tests (test_scheduler_euler.py, test_scheduler_heun.py)
        // write the scaled model input back into the state each step and use 1100 training steps (timesteps between
        // labels). Reference: tools/diffusers/euler_heun_reference.py, numpy float64, the schedulers' algorithm on the
        // same dummy model and sample, T = 1000, linspace 999, 888, .., 0, then sigma = 0. Tolerance as diffusers' tests.
        assertDiffusers(169.4640, 0.220656, fullLoop(EULER, null));
        assertDiffusers(241.8202, 0.314870, fullLoop(EULER.replace("EulerDiscreteScheduler", "HeunDiscreteScheduler"), null));
    }

    @Test
    void eulerLinspaceBetweenLabelsIsRefused() throws IOException {
        // linspace(0, 999, 50) is not integer: diffusers interpolates sigma there, the engine would round
        Cli r = sample(EULER, "--num-inference-steps", "50");
        assertEquals(2, r.exit());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("not integers"), r.err());
    }

    /** The samples of sample on the dummy network {@code onnx} with {@code flags} (no --scheduler-config unless given). */
    float[] embeddedRun(Path onnx, String... flags) throws IOException {
        Path start = dir.resolve("sample.npy");
        Npy.write(start, new long[] {4, 3, 8, 8}, dummySampleDeter());
        Path out = dir.resolve("emb");
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("sample", "--model", "onnx:" + onnx,
                "--init-noise", start.toString(), "--n", "4", "--threads", "1", "--out", out.toString(), "--force",
                "--progress", "off"));
        a.addAll(java.util.List.of(flags));
        Cli r = Cli.run(a.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return Npy.readAll(out.resolve("samples.npy"));
    }

    @Test
    void aConfigCarriedByTheModelIsUsedLikeTheFileAndNoneIgnoresIt() throws IOException {
        String config = "{\"_class_name\": \"DDIMScheduler\", " + LINEAR + ", \"beta_start\": 0.0001, "
                + "\"clip_sample\": false, \"set_alpha_to_one\": false}";
        Path cfg = Files.writeString(dir.resolve("scheduler_config.json"), config);
        Path onnx = dummyModel(null);
        float[] given = embeddedRun(onnx, "--scheduler-config", cfg.toString(), "--num-inference-steps", "10");
        float[] plain = embeddedRun(onnx, "--process", "ddpm", "--beta-schedule", "linear", "--solver", "ddim", "--nfe", "10");

        // in metadata_props: a ModelProto field 14 entry appended to the file (protobuf merges repeated fields)
        Path withProps = dir.resolve("with-props.onnx");
        byte[] key = "diffusers.scheduler_config".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] value = config.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream entry = new java.io.ByteArrayOutputStream();
        var e = com.google.protobuf.CodedOutputStream.newInstance(entry);
        e.writeByteArray(1, key);
        e.writeByteArray(2, value);
        e.flush();
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(Files.readAllBytes(onnx));
        var f = com.google.protobuf.CodedOutputStream.newInstance(file);
        f.writeByteArray(14, entry.toByteArray());
        f.flush();
        Files.write(withProps, file.toByteArray());
        Cli r = Cli.run("sample", "--model", "onnx:" + withProps, "--init-noise", dir.resolve("sample.npy").toString(),
                "--n", "4", "--threads", "1", "--out", dir.resolve("p").toString(), "--force", "--progress", "off",
                "--num-inference-steps", "10");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("diffusers.scheduler_config in the metadata_props"), r.err());
        org.junit.jupiter.api.Assertions.assertArrayEquals(given, Npy.readAll(dir.resolve("p").resolve("samples.npy")),
                "the embedded config is the file's, bit for bit");

        // in the sidecar, as a JSON object
        Files.writeString(dir.resolve("dummy.meta.json"), "{\"diffusers.scheduler_config\": " + config + "}");
        org.junit.jupiter.api.Assertions.assertArrayEquals(given, embeddedRun(onnx, "--num-inference-steps", "10"));
        // none: the model's own settings, as without the key
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain, embeddedRun(onnx, "--scheduler-config", "none",
                "--process", "ddpm", "--beta-schedule", "linear", "--solver", "ddim", "--nfe", "10"));
        // a bad embedded config is refused naming where it is
        Files.writeString(dir.resolve("dummy.meta.json"), "{\"diffusers.scheduler_config\": {\"_class_name\": \"DDIMScheduler\", \"clip_sample\": true}}");
        Cli bad = Cli.run("sample", "--model", "onnx:" + onnx, "--n", "4", "--out", dir.resolve("b").toString(),
                "--progress", "off");
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("dummy.meta.json") && bad.err().contains("clip_sample"), bad.err());
    }

    /** Runs sample with the config and extra flags; returns the result without checking it. */
    Cli sample(String config, String... extra) throws IOException {
        Path onnx = dummyModel(null);
        Path cfg = dir.resolve("scheduler_config.json");
        Files.writeString(cfg, config);
        Path start = dir.resolve("sample.npy");
        Npy.write(start, new long[] {4, 3, 8, 8}, dummySampleDeter());
        String[] base = {"sample", "--scheduler-config", cfg.toString(), "--model", "onnx:" + onnx, "--init-noise",
                start.toString(), "--n", "4", "--threads", "1", "--out", dir.resolve("o").toString(), "--force", "--progress", "off"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    @Test
    void aLastStepToSigmaZeroIsRefusedWhereNotImplemented() throws IOException {
        // PNDMScheduler with set_alpha_to_one: its last PLMS step to alpha = 1 combines four eps (diffusers'
        // test_full_loop_with_set_alpha_to_one, sum 230.0399); SigmaZeroEnd's step reads only the last one
        String pndm = "{\"_class_name\": \"PNDMScheduler\", " + LINEAR + ", \"beta_start\": 0.01, \"set_alpha_to_one\": true}";
        Cli refused = sample(pndm, "--num-inference-steps", "10");
        assertEquals(2, refused.exit());
        org.junit.jupiter.api.Assertions.assertTrue(refused.err().contains("set_alpha_to_one = true asks for a last step to "
                + "sigma = 0") && refused.err().contains("not after f-pndm") && refused.err().contains("--sigma-min-end"), refused.err());
        Cli minEnd = sample(pndm, "--num-inference-steps", "10", "--sigma-min-end");
        assertEquals(0, minEnd.exit(), minEnd.err()); // ends at label 0: diffusers' set_alpha_to_one false numbers
        float[] x = Npy.readAll(dir.resolve("o").resolve("samples.npy"));
        double sum = 0;
        for (float v : x) {
            sum += Math.abs(v);
        }
        assertEquals(186.9482, sum, 1e-2);
        Cli tMin = sample("{\"_class_name\": \"DDIMScheduler\", \"clip_sample\": false}", "--nfe", "10", "--t-min", "0.01");
        assertEquals(2, tMin.exit());
        org.junit.jupiter.api.Assertions.assertTrue(tMin.err().contains("--t-min does not apply"), tMin.err());
    }

    @Test
    void explicitFlagsWinAndUnknownKeysAreListed() throws IOException {
        String pndm = "{\"_class_name\": \"PNDMScheduler\", " + LINEAR + ", \"beta_start\": 0.0001, \"my_key\": 3, "
                + "\"clip_sample\": false}";
        Cli r = sample(pndm, "--solver", "ddim", "--nfe", "5");
        assertEquals(0, r.exit(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("ddim, NFE 4"), r.out()); // leading 800..0, 0 dropped
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("unknown keys my_key")
                && r.err().contains("clip_sample not used by PNDMScheduler"), r.err());
        Cli both = sample(pndm, "--nfe", "5", "--num-inference-steps", "5");
        assertEquals(2, both.exit());
        Cli preset = sample(pndm, "--process", "ddpm-scaled-linear", "--nfe", "5");
        assertEquals(2, preset.exit()); // the config's betas are ddpm-linear's, not the named preset's
        org.junit.jupiter.api.Assertions.assertTrue(preset.err().contains("not the preset --process ddpm-scaled-linear"), preset.err());
    }

    @Test
    void aPredictionTypeOtherThanTheNetworksIsRefused() throws IOException {
        Cli r = sample("{\"_class_name\": \"PNDMScheduler\", \"prediction_type\": \"v_prediction\"}", "--nfe", "19");
        assertEquals(2, r.exit());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("prediction_type = v_prediction but the model")
                && r.err().contains("predicts epsilon"), r.err());
    }
}
