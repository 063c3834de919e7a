package org.gddim.job;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gddim.model.ScoreModel;
import org.gddim.process.Process;
import org.gddim.solver.Plan;

/** The settings (resume fingerprint) and the manifest of a sampling run, as JSON-ready maps. */
final class RunManifest {
    private RunManifest() {}

    /** Settings that determine the samples; also the resume fingerprint. */
    static Map<String, Object> settings(SampleJob job, Process process, double tMax, double tMin, Plan plan,
            ScoreModel model, NoiseSource noise, int batch) throws java.io.IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("process", process.name());
        if (job.schedule() != null) {
            s.put("schedule", job.schedule().describe()); // the betas and steps offset of --process ddpm
        }
        s.put("model", job.model().toString());
        s.put("model_sha256", job.model().sha256()); // the content, not the path: a changed file is another model
        s.put("model_description", model.describe());
        s.put("data_shape", model.shape().dims());
        s.put("solver", job.solver().kind().toString());
        s.put("method", plan.method());
        s.put("order", job.solver().order());
        s.put("corrector", job.solver().corrector().toString());
        s.put("lower_order_final", job.solver().lowerOrderFinal());
        s.put("lambda", job.solver().lambda());
        s.put("param", job.solver().frame().toString());
        s.put("state_shape", model.stateShape().dims());
        s.put("structure", process.structure().toString());
        s.put("grid", job.gridFile() != null ? "file:" + job.gridFile() : job.grid().toString());
        if (job.gridFile() != null) {
            s.put("grid_sha256", org.gddim.io.ContentHash.sha256(job.gridFile()));
            s.put("network_times", plan.evalTimes());
        }
        s.put("nfe_budget", job.nfe());
        s.put("nfe", plan.nfe());
        s.put("steps", plan.grid().steps());
        s.put("t_max", tMax);
        s.put("t_min", tMin);
        s.put("prior_std", process.priorStd(tMax));
        s.put("n", job.count());
        s.put("seed", job.seed());
        s.put("noise", noise.describe());
        if (noise.sha256() != null) {
            s.put("noise_sha256", noise.sha256());
        }
        s.put("backend", job.backend().toString());
        s.put("cuda_graph", job.usesGraph());
        s.put("batch", batch);
        return s;
    }

    /** The manifest: format, engine, settings, grid, timings, machine and the names of the outputs. */
    static Map<String, Object> manifest(Map<String, Object> settings, long count, Plan plan, long resumed,
            double sampling, double seconds, List<String> outputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "gddim-run-manifest");
        m.put("format_version", 1);
        EngineVersion v = EngineVersion.current();
        m.put("engine", Map.of("version", v.version(), "commit", v.commit()));
        m.put("created", Instant.now().toString());
        m.put("settings", settings);
        m.put("grid_times", plan.grid().t());
        m.put("timings", Map.of("total_seconds", seconds, "sampling_seconds", sampling,
                "samples_per_second", sampling > 0 ? (count - resumed) / sampling : 0.0,
                "resumed_samples", resumed));
        m.put("machine", Map.of("java", System.getProperty("java.vm.name") + " " + Runtime.version(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "cpus", Runtime.getRuntime().availableProcessors()));
        m.put("outputs", outputs);
        return m;
    }
}
