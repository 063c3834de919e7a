package org.gddim.quality;

import java.nio.file.Path;
import java.util.List;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmJson;
import org.gddim.process.Bdm;
import org.gddim.process.Cld;
import org.gddim.process.Edm;
import org.gddim.process.Fdm;
import org.gddim.process.Process;
import org.gddim.process.Vp;
import org.gddim.schedule.GridKind;
import org.gddim.solver.Corrector;
import org.gddim.solver.EpsFrame;
import org.gddim.solver.EulerMaruyama;
import org.gddim.solver.GDdim;
import org.gddim.solver.Sscs;
import org.gddim.solver.StochasticGDdim;

/**
 * The gDDIM paper's claims on non-isotropic diffusions (gddim-spec.md 7), each as a {@link DistributionStudy} on an
 * exact oracle with fixed settings: (a) CLD: the R_t frame against K = L_t, Euler-Maruyama and SSCS;
 * (b) BDM: deterministic gDDIM against the stochastic samplers; (c) CLD: deterministic against stochastic,
 * lambda = 0, 0.5, 1; (d) FDM against its host process on the same data.
 */
public enum PaperStudy {
    CLD_FRAMES("quality-cld-frames", "default", GridKind.QUADRATIC, new int[] {10, 20, 30, 50, 100, 200, 500}, 50_000, 1000),
    BDM_SAMPLERS("quality-bdm-samplers", "images-8x8.json", GridKind.QUADRATIC, new int[] {10, 20, 50, 100, 200, 500}, 20_000,
            1000),
    CLD_LAMBDA("quality-cld-lambda", "default", GridKind.QUADRATIC, new int[] {10, 20, 50, 100}, 50_000, 0),
    FDM_VS_HOST("quality-fdm", "gmm-8d-5.json", GridKind.LOGSNR, new int[] {5, 10, 20, 50}, 1000, 1000);

    /** Region id in docs/quality.md, also the plot's file name. */
    public final String id;
    /** "default" (the embedded 2-D mixture) or a file under models/gmm. */
    public final String model;
    public final GridKind grid;
    public final int[] nfe;
    public final int samples;
    public final int pathwise;

    PaperStudy(String id, String model, GridKind grid, int[] nfe, int samples, int pathwise) {
        this.id = id;
        this.model = model;
        this.grid = grid;
        this.nfe = nfe;
        this.samples = samples;
        this.pathwise = pathwise;
    }

    /** The oracle, from {@code modelsDir} (models/gmm). */
    public GaussianMixture mixture(Path modelsDir) {
        return model.equals("default") ? GmmJson.defaultMixture() : GmmJson.read(modelsDir.resolve(model));
    }

    /** The processes the study compares (one, or FDM's host and FDM). */
    public List<Process> processes() {
        return switch (this) {
            case CLD_FRAMES, CLD_LAMBDA -> List.of(Cld.standard());
            case BDM_SAMPLERS -> List.of(Bdm.forImages(8, 8));
            case FDM_VS_HOST -> List.of(Vp.linear(), Fdm.vp(), Edm.standard(), Fdm.edm());
        };
    }

    public List<DistributionStudy.Method> methods() {
        return switch (this) {
            case CLD_FRAMES -> List.of(gddim(3, EpsFrame.R), gddim(3, EpsFrame.L), gddim(1, EpsFrame.R), gddim(1, EpsFrame.L),
                    em(1.0), new DistributionStudy.Method("sscs", new Sscs(), false));
            case BDM_SAMPLERS -> List.of(gddim(1, EpsFrame.R), gddim(2, EpsFrame.R), gddim(3, EpsFrame.R), stochastic(1.0),
                    em(1.0));
            case CLD_LAMBDA -> List.of(gddim(1, EpsFrame.R), stochastic(0.5), stochastic(1.0), em(0.0), em(0.5), em(1.0));
            case FDM_VS_HOST -> List.of(gddim(1, EpsFrame.R), gddim(2, EpsFrame.R), gddim(3, EpsFrame.R), em(0.0));
        };
    }

    private static DistributionStudy.Method gddim(int q, EpsFrame frame) {
        return new DistributionStudy.Method("gddim q=" + q + (frame == EpsFrame.L ? " K=L" : ""), new GDdim(q, Corrector.NONE, frame),
                true);
    }

    private static DistributionStudy.Method stochastic(double lambda) {
        return new DistributionStudy.Method("gddim q=1 λ=" + lambda, new StochasticGDdim(lambda), false);
    }

    private static DistributionStudy.Method em(double lambda) {
        return new DistributionStudy.Method("em λ=" + lambda, new EulerMaruyama(lambda), lambda == 0);
    }

    /** The command-line name: lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
