package org.gddim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.io.DocRegions;
import org.gddim.job.JobException;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmJson;
import org.gddim.process.DdpmBetas;
import org.gddim.process.DiscreteVp;
import org.gddim.process.ProcessKind;
import org.gddim.process.ScalarProcess;
import org.gddim.quality.Atlas;
import org.gddim.quality.AtlasReport;
import org.gddim.quality.MethodSpec;
import org.gddim.schedule.GridKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gddim atlas}: the quality atlas of docs/quality.md, oracle x process x grid x method x NFE, each cell
 * the end-point error against the converged ODE solution and SW2 to exact samples; plus PNDM's claim (PLMS at
 * 50 steps against DDIM at 1000) on the discrete linear schedule. {@code make atlas} runs it.
 */
@Command(name = "atlas", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false, showDefaultValues = true,
        description = {"Write the quality atlas: for each Gaussian-mixture oracle x process x grid x method x NFE, the "
                + "relative RMS end-point error against a Dormand-Prince reference from the same start and the sliced "
                + "Wasserstein-2 distance to exact samples (with its noise floor), as Markdown tables in generated regions "
                + "of DOC and log-log PNG plots. Samples start from exact draws of the diffused mixture at the grid's "
                + "start time, so that SW2 measures the solver alone.%n"})
final class AtlasCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--oracles", paramLabel = "LIST", split = ",",
            defaultValue = "models/gmm/gmm-8d-5.json,models/gmm/gmm-3x16x16-8.json", description = "Gaussian-mixture JSON files.")
    List<Path> oracles;

    @Option(names = "--processes", paramLabel = "LIST", split = ",", defaultValue = "vp,ve,edm", converter = CliEnums.Processes.class,
            description = "Processes (isotropic).")
    List<ProcessKind> processes;

    @Option(names = "--grids", paramLabel = "LIST", split = ",", defaultValue = "uniform,logsnr,edm", converter = CliEnums.Grids.class,
            description = "Grids; the plots show the logsnr grid (else the first).")
    List<GridKind> grids;

    @Option(names = "--methods", paramLabel = "LIST", split = ",",
            defaultValue = "ddim,edm-heun,prk,plms,s-pndm,f-pndm,ipndm:4,gddim:2,gddim:3,deis-rhoab:3,deis-rhork:3,dpmpp:2,dpmpp:3,"
                    + "unipc-bh1:3,unipc-bh2:2",
            description = "Methods, as in `gddim quality`: KIND[:Q][:CORRECTOR].")
    List<String> methods;

    @Option(names = "--nfe", paramLabel = "LIST", split = ",", defaultValue = "5,7,10,15,20,50", description = "NFE budgets.")
    int[] nfe;

    @Option(names = "--samples", paramLabel = "LIST", split = ",", defaultValue = "4000,1000",
            description = "Samples per set, one per oracle (the last one repeats).")
    int[] samples;

    @Option(names = "--directions", paramLabel = "L", defaultValue = "128", description = "SW2 projection directions.")
    int directions;

    @Option(names = "--tol", paramLabel = "TOL", defaultValue = "1e-10", description = "Reference (DOP853) tolerance.")
    double tol;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of noise, exact sets and directions.")
    long seed;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "native", converter = CliEnums.Backends.class,
            description = "Backend the solvers run on.")
    BackendKind backend;

    @Option(names = "--pndm-claim", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also test PNDM's claim (PLMS, 50 steps, vs DDIM, 1000 steps) on ddpm-linear, leading spacing.")
    boolean pndmClaim;

    @Option(names = "--doc", paramLabel = "FILE.md", required = true, description = "Markdown document that receives the "
            + "regions 'generated:atlas-ORACLE-PROCESS' (plots go to the folder 'atlas' next to it).")
    Path doc;

    @Override
    public Integer call() throws IOException {
        Counts.positive("--nfe", nfe);
        Counts.positive("--samples", samples);
        List<MethodSpec> specs = new ArrayList<>();
        for (String m : methods) {
            try {
                specs.add(MethodSpec.parse(m));
            } catch (IllegalArgumentException e) {
                throw new JobException(e.getMessage());
            }
        }
        String command = "bin/gddim " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Path plots = doc.resolveSibling("atlas");
        PrintWriter out = spec.commandLine().getOut();
        try (Backend b = Backends.open(backend)) {
            for (int o = 0; o < oracles.size(); o++) {
                Path file = oracles.get(o);
                int n = samples[Math.min(o, samples.length - 1)];
                GaussianMixture gmm = GmmJson.read(file);
                String oracle = file.getFileName().toString().replace(".json", "");
                for (ProcessKind kind : processes) {
                    if (!(kind.create() instanceof ScalarProcess p)) {
                        throw new JobException("the atlas needs isotropic processes, not " + kind);
                    }
                    long t0 = System.nanoTime();
                    Atlas atlas = new Atlas(gmm, p, b, n, seed, directions, tol);
                    var matrix = atlas.matrix(grids, specs, nfe);
                    int g = Math.max(0, grids.indexOf(GridKind.LOGSNR));
                    String stem = oracle + "-" + p.name();
                    var files = AtlasReport.plots(plots, stem, oracle + ", " + p.name(), atlas, specs, matrix, g, grids.get(g).toString());
                    List<String> links = files.stream().map(f -> doc.toAbsolutePath().getParent().relativize(f.toAbsolutePath()).toString()).toList();
                    DocRegions.replace(doc, "atlas-" + stem, AtlasReport.markdown(file.toString(), gmm, atlas, grids, specs, nfe,
                            matrix, directions, tol, seed, backend.toString(), command, links));
                    out.printf(Locale.ROOT, "%s: %.0f s (references %.0f s)%n", stem, (System.nanoTime() - t0) / 1e9, atlas.referenceSeconds());
                    out.flush();
                }
                if (pndmClaim) {
                    DocRegions.replace(doc, "atlas-pndm-claim-" + oracle, pndmClaim(file.toString(), gmm, b, n, command));
                    out.printf("%s: PNDM claim done%n", oracle);
                }
            }
        }
        out.printf("updated %s and %s%n", doc, plots);
        return 0;
    }

    /**
     * PNDM's claim (its abstract: 50-step PNDM matches or beats 1000-step DDIM) on its own setting: linear betas
     * read with the official code's abar[t+1] (leading spacing with steps offset 1), final target abar[0].
     */
    private String pndmClaim(String file, GaussianMixture gmm, Backend b, int samples, String command) {
        DiscreteVp ddpm = DiscreteVp.ddpm("ddpm-linear (steps offset 1)", DdpmBetas.LINEAR, 1);
        Atlas atlas = new Atlas(gmm, ddpm, b, samples, seed, directions, tol);
        record Run(String name, int steps) {}
        List<Run> runs = List.of(new Run("ddim", 50), new Run("ddim", 100), new Run("ddim", 1000), new Run("plms", 50),
                new Run("s-pndm", 50), new Run("f-pndm", 50), new Run("ipndm:4", 50), new Run("dpmpp:2", 50), new Run("unipc-bh2:2", 50));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Oracle `%s`, process %s, leading spacing (PNDM's official schedule), %d samples "
                + "starting from exact draws at the grid's first label, backend %s, DOP853 tol %.0e; noise floor of SW2: "
                + "**%.2e ± %.1e**. %s%n%n", file, ddpm.name(), samples, backend, tol,
                atlas.floor(), atlas.floorSd(), AtlasReport.provenance(command)));
        sb.append("| method | steps | NFE | relative RMS end-point error | median per-sample error | SW2 to exact samples |\n");
        sb.append("|---|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            Atlas.Cell c = atlas.evaluate(MethodSpec.parse(r.name()).solver(), atlas.grid(GridKind.LEADING, r.steps()));
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2e | %.2e | %.2e |%n", r.name(), c.steps(), c.nfe(), c.error(),
                    c.median(), c.sw()));
        }
        return sb.toString();
    }
}
