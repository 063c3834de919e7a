package org.gddim.job;

import org.gddim.model.DataShape;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmJson;
import org.gddim.model.ModelMetadata;
import org.gddim.model.OnnxScoreModel;
import org.gddim.process.DiscreteSchedule;
import org.gddim.process.Process;
import org.gddim.process.ProcessKind;

/**
 * A model source read and checked against the process it is to run under, before any backend exists: the ONNX
 * network's metadata (its trained process must be the requested one) or the mixture, and the process built for the
 * model's data shape. Shared by every command that runs a model (sample, plan, ld3).
 *
 * @param onnx the network's metadata, or null for a mixture
 * @param gmm the mixture, or null for a network
 */
public record ModelSetup(ModelMetadata onnx, GaussianMixture gmm, Process process) {
    /**
     * Reads {@code source} and builds {@code kind} for it; {@code advice} completes the refusal of a network trained
     * for another process, e.g. "sample it" gives "...; sample it with --process vp (got edm)".
     */
    public static ModelSetup of(ModelSource source, ProcessKind kind, String advice) {
        return of(source, kind, null, advice);
    }

    /**
     * As {@link #of(ModelSource, ProcessKind, String)}, with the betas of {@code schedule} (null: the kind's own) for
     * the discrete process {@code ddpm}. A network trained for a {@code ddpm-*} preset runs under {@code ddpm} when
     * the betas are the preset's.
     */
    public static ModelSetup of(ModelSource source, ProcessKind kind, DiscreteSchedule schedule, String advice) {
        if (schedule != null && kind != ProcessKind.DDPM) {
            throw new JobException("discrete betas (--scheduler-config, --beta-*) are the parameters of --process ddpm, not "
                    + kind + (kind.schedule() != null ? ", which is the preset " + kind.schedule() : ""));
        }
        ModelMetadata onnx = source instanceof ModelSource.OnnxFile f ? OnnxScoreModel.metadataOf(f.file()) : null;
        GaussianMixture gmm = switch (source) {
            case ModelSource.Default d -> GmmJson.defaultMixture();
            case ModelSource.GmmFile f -> GmmJson.read(f.file());
            case ModelSource.OnnxFile f -> null;
        };
        DiscreteSchedule betas = schedule != null ? schedule : kind.schedule();
        boolean presetUnderDdpm = onnx != null && kind == ProcessKind.DDPM && ProcessKind.named(onnx.process())
                .map(ProcessKind::schedule).filter(preset -> preset != null && preset.sameBetas(betas)).isPresent();
        if (onnx != null && !onnx.process().equals(kind.toString()) && !presetUnderDdpm) {
            throw new JobException("model " + source + " was trained for process " + onnx.process() + "; " + advice
                    + " with --process " + onnx.process() + " (got " + kind + ")");
        }
        try {
            Process process = kind == ProcessKind.DDPM ? betas.process(processName(betas)) : kind.create(data(onnx, gmm).dims());
            return new ModelSetup(onnx, gmm, process);
        } catch (IllegalArgumentException e) {
            throw new JobException(e.getMessage(), e);
        }
    }

    /** The name of a ddpm process: the preset's whose betas these are (ddpm-linear, ...), else "ddpm". */
    static String processName(DiscreteSchedule betas) {
        for (ProcessKind k : ProcessKind.values()) {
            if (k != ProcessKind.DDPM && k.schedule() != null && k.schedule().sameBetas(betas)) {
                return k.toString();
            }
        }
        return ProcessKind.DDPM.toString();
    }

    /** One sample's data shape. */
    public DataShape data() {
        return data(onnx, gmm);
    }

    private static DataShape data(ModelMetadata onnx, GaussianMixture gmm) {
        return onnx != null ? onnx.shape() : gmm.shape();
    }

    /**
     * The run's time range {@code {T, t_min}}: the given times, NaN for the process' defaults, refused beyond the
     * process' limit or out of order.
     */
    public double[] timeRange(double tMax, double tMin) {
        double t = Double.isNaN(tMax) ? process.defaultTMax() : tMax;
        double t0 = Double.isNaN(tMin) ? process.defaultTMin() : tMin;
        if (t > process.tLimit()) {
            throw new JobException("--t-max " + t + " is beyond the " + process.name() + " process' limit " + process.tLimit());
        }
        if (!(t0 < t)) {
            throw new JobException("t_min " + t0 + " must be below T " + t);
        }
        return new double[] {t, t0};
    }
}
