package org.gddim.ld3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gddim.backend.Backend;
import org.gddim.io.JsonFiles;
import org.gddim.io.Plots;
import org.gddim.model.ScoreModel;
import org.gddim.process.Process;
import org.gddim.quality.FrechetDistance;
import org.gddim.quality.ImageFeatures;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Plan;
import org.gddim.solver.SolverKind;
import org.gddim.schedule.GridFile;
import org.gddim.job.LearnedPlan;

/**
 * docs/ld3.md's shipped-grid section: for each learned grid shipped with an image model at the given NFEs, the Frechet
 * distance in the project's classifier's feature space (as {@code gddim model-report} computes it) of {@code n}
 * samples from held-out noise (seed 1; LD3 trained on samples 0..99 of seed 0) on two hand grids and the learned grid,
 * with an image row of each. The hand grids are LD3's initialisation and the usual alternative: logSNR and EDM for the
 * isotropic processes (a scalar noise level), quadratic and time-uniform for CLD and BDM ({@link GridMode}).
 */
public final class ShippedGridStudy {
    private ShippedGridStudy() {}

    public static final long SEED = 1;

    /** One (solver, NFE) row: distances on the two hand grids and LD3, and the grid's training wall time. */
    public record Row(String solver, int nfe, double init, double alternative, double learned, double trainSeconds, Path image) {}

    /** LD3's initial grid and the usual alternative hand grid for this process. */
    public static GridKind[] handGrids(Process process) {
        return GridMode.forProcess(process) == GridMode.LAMBDA ? new GridKind[] {GridKind.LOGSNR, GridKind.EDM}
                : new GridKind[] {GridKind.QUADRATIC, GridKind.UNIFORM};
    }

    private static String label(GridKind grid) {
        return switch (grid) {
            case LOGSNR -> "logSNR";
            case EDM -> "EDM";
            case UNIFORM -> "time-uniform";
            case QUADRATIC -> "quadratic";
            default -> grid.name().toLowerCase(Locale.ROOT);
        };
    }

    public static List<Row> run(Path modelFile, Process process, ScoreModel model, Backend backend, ImageFeatures features,
            List<String> solvers, int[] nfes, int n, Path imageDir) throws IOException {
        int dim = model.stateShape().size();
        float[] z = new float[n * dim];
        GaussianNoise.fill(SEED, GaussianNoise.PRIOR_STREAM, 0, n, dim, z, 0);
        Endpoints endpoints = new Endpoints(process, model, backend, process.defaultTMax());
        FrechetDistance.Stats reference = features.referenceStats();
        String hash = (new org.gddim.job.ModelSource.OnnxFile(modelFile).sha256());
        String stem = modelFile.getFileName().toString().replaceAll("\\.onnx$", "");
        GridKind[] hand = handGrids(process);
        List<Row> rows = new ArrayList<>();
        for (String name : solvers) {
            for (int nfe : nfes) {
                Path file = GridFile.shipped(modelFile, name, nfe);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                GridFile g = GridFile.read(file);
                SolverKind kind = SolverKind.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
                var solver = kind.create(g.order(), org.gddim.solver.Corrector.valueOf(g.corrector().toUpperCase(Locale.ROOT)),
                        g.lowerOrderFinal());
                double tMax = process.defaultTMax();
                double tMin = process.defaultTMin();
                int steps = solver.stepsFor(nfe);
                List<float[]> images = new ArrayList<>();
                double[] fd = new double[3];
                for (int k = 0; k < 3; k++) {
                    Plan plan = k == 2 ? LearnedPlan.plan(file, new LearnedPlan.Run(hash, process.name(), name, g.order(),
                            g.corrector(), g.lowerOrderFinal(), nfe, tMax, tMin), false, solver, process)
                            : solver.plan(process, TimeGrids.make(hand[k], process, tMax, tMin, steps));
                    float[] x = new float[n * model.shape().size()];
                    int batch = 250;
                    for (int first = 0; first < n; first += batch) {
                        int c = Math.min(batch, n - first);
                        float[] part = endpoints.run(plan, z, first, c);
                        System.arraycopy(part, 0, x, first * model.shape().size(), part.length);
                    }
                    fd[k] = FrechetDistance.between(FrechetDistance.of(features.features(x, n)), reference);
                    images.add(x);
                }
                int per = model.shape().size();
                float[] grid = new float[3 * 16 * per];
                for (int k = 0; k < 3; k++) {
                    System.arraycopy(images.get(k), 0, grid, k * 16 * per, 16 * per);
                }
                Files.createDirectories(imageDir);
                Path image = imageDir.resolve(stem + "-" + name + "-" + nfe + ".png");
                Plots.imageGrid(image, grid, model.shape().dims(), 3 * 16, 16, -1, 1, 2);
                double train = JsonFiles.read(file).path("training").path("wall_seconds").asDouble(Double.NaN);
                rows.add(new Row(name, nfe, fd[0], fd[1], fd[2], train, image));
                System.out.printf(Locale.ROOT, "shipped: %s %s NFE %d: FD %s %.2f, %s %.2f, ld3 %.2f%n", stem, name, nfe,
                        hand[0], fd[0], hand[1], fd[1], fd[2]);
            }
        }
        return rows;
    }

    public static String markdown(String model, Process process, List<Row> rows, Path docDir) {
        GridKind[] hand = handGrids(process);
        String init = label(hand[0]);
        StringBuilder sb = new StringBuilder("**" + model + "** (" + process.name() + ")\n\n| solver | NFE | FD " + init
                + " grid (LD3's init) | FD " + label(hand[1]) + " grid | FD LD3 | LD3 vs " + init
                + " | training wall s |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | **%.1f** | %+.0f%% | %.0f |%n", r.solver(), r.nfe(),
                    r.init(), r.alternative(), r.learned(), 100 * (r.learned() / r.init() - 1), r.trainSeconds()));
        }
        sb.append("\nSamples (rows: " + init + " grid, " + label(hand[1])
                + " grid, LD3 grid; the same held-out noise in every row):\n\n");
        for (Row r : rows) {
            sb.append(r.solver()).append(" NFE ").append(r.nfe()).append(": ![").append(model).append(' ').append(r.solver())
                    .append(' ').append(r.nfe()).append("](").append(docDir.toAbsolutePath().relativize(r.image().toAbsolutePath()).toString().replace('\\', '/'))
                    .append(")\n\n");
        }
        return sb.toString();
    }
}
