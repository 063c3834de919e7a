package org.gddim.bench.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.io.Npy;
import org.gddim.model.GmmJson;
import org.gddim.model.GmmScore;
import org.gddim.process.Vp;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Corrector;
import org.gddim.solver.GDdim;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.StepObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU benchmark's PyTorch peer computes the same samples as the engine (check before you time): the plan
 * exported by GpuReport.planJson, run by tools/peers/torch_plan_gmm.py on the CPU from the same x_T, matches the
 * native backend's samples to 1e-4. Skipped where no Python with torch is installed.
 */
class TorchPeerTest {
    @TempDir
    Path dir;

    @Test
    void torchPeerRunsTheSamePlan() throws Exception {
        String python = Files.exists(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process probe = new ProcessBuilder(python, "-c", "import torch").start();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0, "no python3 with torch");
        Path root = Path.of(System.getProperty("gddim.models.dir", "../models")).getParent();
        Path model = root.resolve("models/gmm/gmm-8d-5.json");
        Vp vp = Vp.linear();
        Plan plan = new GDdim(2, Corrector.NONE).plan(vp, TimeGrids.make(GridKind.LOGSNR, vp, 1.0, 1e-3, 10));
        int batch = 64;
        float[] x = new float[batch * 8];
        GaussianNoise.fill(8, 0, 0, batch, 8, x, 0);
        Path init = dir.resolve("z.npy");
        Npy.write(init, new long[] {batch, 8}, x);
        Path planFile = dir.resolve("plan.json");
        Files.writeString(planFile, GpuReport.planJson(plan, vp));
        Path saved = dir.resolve("x.npy");
        Process p = new ProcessBuilder(python, root.resolve("tools/peers/torch_plan_gmm.py").toString(), "--plan",
                planFile.toString(), "--model", model.toString(), "--device", "cpu", "--repeats", "1", "--init",
                init.toString(), "--save", saved.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        float[] torch = Npy.readAll(saved);
        try (Backend nat = Backends.open(BackendKind.NATIVE)) {
            SamplerState state = new SamplerState(nat, plan, batch, 8);
            nat.write(state.u(), 0, x);
            Sampler.run(plan, new GmmScore(GmmJson.read(model), vp), nat, state, StepObserver.NONE);
            float[] ours = new float[x.length];
            nat.read(state.u(), 0, ours);
            for (int i = 0; i < ours.length; i++) {
                assertEquals(ours[i], torch[i], 1e-4 * (1 + Math.abs(ours[i])), "element " + i);
            }
        }
    }
}
