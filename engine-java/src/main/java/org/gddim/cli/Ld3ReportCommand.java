package org.gddim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.io.DocRegions;
import org.gddim.io.Plots;
import org.gddim.ld3.Cmaes;
import org.gddim.ld3.FiniteDifferenceRmsprop;
import org.gddim.ld3.Ld3Settings;
import org.gddim.ld3.MethodComparison;
import org.gddim.ld3.OracleCase;
import org.gddim.ld3.OracleStudy;
import org.gddim.ld3.ShippedGridStudy;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmJson;
import org.gddim.model.ModelMetadata;
import org.gddim.model.OnnxScoreModel;
import org.gddim.process.Cld;
import org.gddim.process.Edm;
import org.gddim.process.Process;
import org.gddim.process.ProcessKind;
import org.gddim.process.Vp;
import org.gddim.quality.AtlasReport;
import org.gddim.quality.ImageFeatures;
import org.gddim.quality.MethodSpec;
import org.gddim.solver.Corrector;
import org.gddim.solver.SolverKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gddim ld3-report}: the generated regions of docs/ld3.md ({@code make ld3-doc}). */
@Command(name = "ld3-report", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        showDefaultValues = true, description = {"Measure LD3 and write the generated regions of a Markdown document: the "
                + "optimiser comparison, the exact-oracle tables and plots, and the shipped grids' Frechet distances.%n"})
final class Ld3ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--doc", paramLabel = "FILE.md", required = true, description = "Document with regions ld3-*.")
    Path doc;

    @Option(names = "--parts", paramLabel = "LIST", split = ",", defaultValue = "methods,oracles,shipped",
            description = "Which regions to regenerate: methods, oracles, shipped.")
    List<String> parts;

    @Option(names = "--models", paramLabel = "LIST", split = ",",
            defaultValue = "models/mnist-edm.onnx,models/mnist-vp.onnx,models/mnist-fdm.onnx,models/mnist-cld.onnx,"
                    + "models/mnist-bdm.onnx",
            description = "Image models whose shipped grids are measured (those without grids are skipped).")
    List<Path> models;

    @Option(names = "--n", paramLabel = "COUNT", defaultValue = "1000", description = "Samples per Frechet distance.")
    int n;

    static final int[] NFES = {4, 5, 6, 7, 10};

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        GaussianMixture gmm8 = GmmJson.read(Path.of("models/gmm/gmm-8d-5.json"));
        GaussianMixture image = GmmJson.read(Path.of("models/gmm/gmm-3x16x16-8.json"));
        try (Backend backend = Backends.open(BackendKind.NATIVE)) {
            if (parts.contains("methods")) {
                long t0 = System.nanoTime();
                int[] budgets = {30, 100, 300, 600};
                List<MethodComparison.Row> rows = new ArrayList<>();
                record Case(String name, GaussianMixture gmm, Process process, MethodSpec solver) {}
                for (Case c : List.of(new Case("gmm-8d-5, vp, dpmpp:2, NFE 5", gmm8, Vp.linear(), MethodSpec.parse("dpmpp:2")),
                        new Case("gmm-3x16x16-8, edm, unipc-bh2, NFE 5", image, Edm.standard(), MethodSpec.parse("unipc-bh2")))) {
                    OracleCase oc = new OracleCase(c.gmm(), c.process(), backend, 64, 64, 256);
                    for (var opt : List.of(new Cmaes(), new FiniteDifferenceRmsprop())) {
                        for (boolean soft : new boolean[] {true, false}) {
                            Ld3Settings s = new Ld3Settings(opt, 2, 1, 300, 1_000_000, 0.5, soft, 4, org.gddim.ld3.SoftBall.GAMMA, 0);
                            rows.add(MethodComparison.run(oc, c.name(), c.solver().solver(), 5, opt.name() + (soft ? " soft" : " hard"),
                                    s, budgets));
                            out.printf("methods: %s %s %s done%n", c.name(), opt.name(), soft ? "soft" : "hard");
                        }
                    }
                }
                DocRegions.replace(doc, "ld3-methods", AtlasReport.provenance("make ld3-doc") + String.format(Locale.ROOT,
                        " 64 training + 64 validation pairs (seed %d), 256 held-out pairs (seed %d), teacher = the exact flow; "
                                + "2 rounds of 300 evaluations (the first on the logits only), no early stopping; %.0f s in all.%n%n",
                        OracleCase.TRAIN_SEED, OracleCase.HELD_OUT_SEED, (System.nanoTime() - t0) / 1e9)
                        + MethodComparison.markdown(rows, budgets));
            }
            if (parts.contains("oracles")) {
                oracles(backend, gmm8, image);
            }
            if (parts.contains("shipped")) {
                shipped(backend);
            }
        }
        out.printf("updated %s%n", doc);
        return 0;
    }

    private void oracles(Backend backend, GaussianMixture gmm8, GaussianMixture image) throws IOException {
        long t0 = System.nanoTime();
        List<MethodSpec> solvers = List.of(MethodSpec.parse("ddim"), MethodSpec.parse("ipndm:3"), MethodSpec.parse("dpmpp:2"),
                MethodSpec.parse("unipc-bh2:2"), MethodSpec.parse("gddim:2"));
        Ld3Settings settings = Ld3Settings.defaults(0).withBudget(2, 150);
        StringBuilder md = new StringBuilder();
        List<String> notHalved = new ArrayList<>();
        int[] counts = new int[4];
        Path plots = doc.resolveSibling("ld3");
        Files.createDirectories(plots);
        List<String> images = new ArrayList<>();
        record Oracle(String name, GaussianMixture gmm) {}
        for (Oracle o : List.of(new Oracle("gmm-8d-5", gmm8), new Oracle("gmm-3x16x16-8", image))) {
            for (Process p : List.of(Vp.linear(), Edm.standard(), Cld.standard())) {
                OracleCase c = new OracleCase(o.gmm(), p, backend, 64, 64, 256);
                String title = o.name() + ", " + p.name();
                OracleStudy.Result r = OracleStudy.run(title, c, solvers, NFES, settings);
                md.append(OracleStudy.markdown(r, notHalved, counts));
                Path plot = plots.resolve("error-" + o.name() + "-" + p.name() + ".png");
                Plots.logLog(plot, "Held-out relative end-point error vs NFE: " + title + ", best hand grid vs LD3", "NFE",
                        "relative RMS error", OracleStudy.lines(r));
                images.add("![" + title + "](ld3/" + plot.getFileName() + ")");
                spec.commandLine().getOut().printf("oracles: %s done (%.0f s)%n", title, (System.nanoTime() - t0) / 1e9);
            }
        }
        StringBuilder head = new StringBuilder(AtlasReport.provenance("make ld3-doc") + String.format(Locale.ROOT,
                " Each oracle and process: 64 + 64 training/validation pairs (seed %d) and 256 held-out pairs (seed %d, never "
                        + "used in training) whose teacher is the exact flow (DOP853, tol 1e-9); each LD3 cell: CMA-ES, 2 rounds of "
                        + "150 evaluations, patience 8, soft ball. Cell = held-out relative RMS end-point error · median per-pair "
                        + "relative error (a pair that lands in another mode adds an O(1) error: the RMS shows such flips, the "
                        + "median the typical pair); LD3 cells add the RMS ratio to the best hand grid of the same solver and NFE; "
                        + "— : the grid or the solver does not apply "
                        + "(logsnr/edm need a scalar noise level; ddim, dpmpp, unipc need an isotropic process) or LD3 "
                        + "has no interior time to learn (1 step). %.0f s in all.%n%n",
                OracleCase.TRAIN_SEED, OracleCase.HELD_OUT_SEED, (System.nanoTime() - t0) / 1e9));
        head.append(String.format(Locale.ROOT, "**At 5–7 NFE the learned grid at least halves the best hand grid's RMS error in %d "
                + "of %d cells** (its median error in %d of %d). Where the RMS is not halved (ratio to the best hand grid): %s.%n%n",
                counts[0], counts[1], counts[2], counts[3], notHalved.isEmpty() ? "nowhere" : String.join("; ", notHalved)));
        DocRegions.replace(doc, "ld3-oracles", head + md.toString() + String.join("\n", images) + "\n");
    }

    private void shipped(Backend backend) throws IOException {
        long t0 = System.nanoTime();
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder md = new StringBuilder();
        try (ImageFeatures features = new ImageFeatures(Path.of("models/mnist-classifier.onnx"), new long[] {1, 28, 28}, cores)) {
            for (Path file : models) {
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                ModelMetadata meta = OnnxScoreModel.metadataOf(file);
                Process process = ProcessKind.named(meta.process()).orElseThrow().create(meta.shape().dims());
                try (OnnxScoreModel network = OnnxScoreModel.open(file, process, cores)) {
                    List<ShippedGridStudy.Row> rows = ShippedGridStudy.run(file, process, network.scoreModel(backend), backend,
                            features, List.of("dpmpp", "unipc-bh2", "gddim"), new int[] {5, 7}, n, doc.resolveSibling("ld3"));
                    if (!rows.isEmpty()) {
                        md.append(ShippedGridStudy.markdown(file.getFileName().toString().replaceAll("\\.onnx$", ""), process, rows,
                                doc.toAbsolutePath().getParent()));
                    }
                }
            }
        }
        DocRegions.replace(doc, "ld3-shipped", AtlasReport.provenance("make ld3-doc") + String.format(Locale.ROOT,
                " %d samples per cell from held-out Philox noise (seed %d; the grids were trained on samples 0..99 of seed 0), "
                        + "Frechet distance in the 64-d feature space of mnist-classifier.onnx against its 10,000 real digits, as "
                        + "in docs/models.md; solvers at their shipped grids' settings (dpmpp 2M, unipc-bh2 with its corrector, "
                        + "gddim q = 2 on the isotropic models, its grids' order on CLD and BDM); training wall time from each grid.json. %.0f s in all.%n%n", n, ShippedGridStudy.SEED,
                (System.nanoTime() - t0) / 1e9) + (md.isEmpty() ? "No shipped LD3 grids found.\n" : md.toString()));
    }
}
