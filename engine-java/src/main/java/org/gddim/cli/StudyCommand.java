package org.gddim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gddim.backend.BackendKind;
import org.gddim.io.DocRegions;
import org.gddim.io.Plots;
import org.gddim.job.EngineVersion;
import org.gddim.model.GaussianMixture;
import org.gddim.process.Process;
import org.gddim.quality.DistributionStudy;
import org.gddim.quality.PaperStudy;
import org.gddim.quality.StudyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gddim study}: one of the gDDIM paper's claims on CLD, BDM or FDM reproduced on an exact oracle
 * ({@link PaperStudy}), written as a generated region of a Markdown document plus a PNG plot. {@code make quality}
 * runs all four for docs/quality.md.
 */
@Command(name = "study", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        showDefaultValues = true, description = {"Reproduce one of the gDDIM paper's claims on an exact Gaussian-mixture "
                + "oracle: Fréchet distance of the samples to the exact law at t_min (all samplers), median end-point "
                + "error against a Dormand-Prince reference (deterministic samplers), per NFE.%n"})
final class StudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "STUDY", converter = CliEnums.Studies.class, completionCandidates = CliEnums.Studies.class,
            description = "${COMPLETION-CANDIDATES}")
    PaperStudy study;

    @Option(names = "--models", paramLabel = "DIR", defaultValue = "models/gmm", description = "Folder of the oracle files.")
    Path models;

    @Option(names = "--samples", paramLabel = "N", description = "Samples (default: the study's own, 1000 to 50000).")
    Integer samples;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Philox seed of the starting noise.")
    long seed;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "native", converter = CliEnums.Backends.class,
            description = "Backend the solvers run on.")
    BackendKind backend;

    @Option(names = "--doc", paramLabel = "FILE.md", required = true,
            description = "Markdown document whose region 'generated:<study id>' receives the tables.")
    Path doc;

    @Override
    public Integer call() throws IOException {
        if (samples != null) {
            Counts.positive("--samples", samples);
        }
        GaussianMixture gmm = study.mixture(models);
        int n = samples != null ? samples : study.samples;
        int pathwise = Math.min(study.pathwise, n);
        List<Process> processes = study.processes();
        List<DistributionStudy.Result> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Process p : processes) {
            results.add(DistributionStudy.run(p, gmm, study.grid, study.methods(), study.nfe, n, pathwise, seed, backend));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path plot = doc.resolveSibling(study.id + ".png");
        StringBuilder md = new StringBuilder(header(processes, gmm, n, pathwise, seconds));
        List<Plots.Line> lines = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            DistributionStudy.Result r = results.get(i);
            String name = processes.get(i).name();
            if (study == PaperStudy.FDM_VS_HOST) {
                md.append(StudyReport.table(name + ": median relative end-point error vs the reference", r,
                        DistributionStudy.Row::pathError, true));
                lines.addAll(StudyReport.lines(r, DistributionStudy.Row::pathError, name + " ", 0));
            } else {
                md.append(String.format(Locale.ROOT, "Floor: the FD of %d exact samples is %.2e (tr Cov = %.3f).%n%n",
                        r.samples(), r.floorFd(), r.exactTrace()));
                md.append(StudyReport.table(name + ": Fréchet distance to the exact law at t_min", r,
                        DistributionStudy.Row::fd, false));
                if (r.pathwise() > 0) {
                    md.append(StudyReport.table(name + ": median relative end-point error vs the reference (first "
                            + r.pathwise() + " samples)", r, DistributionStudy.Row::pathError, true));
                }
                lines.addAll(StudyReport.lines(r, DistributionStudy.Row::fd, "", r.floorFd()));
            }
        }
        md.append(derived(results.get(0)));
        md.append("![").append(study).append("](").append(plot.getFileName()).append(")\n");
        Plots.logLog(plot, study.id + ": " + (study == PaperStudy.FDM_VS_HOST ? "median end-point error" : "Fréchet distance")
                + " vs NFE", "NFE", study == PaperStudy.FDM_VS_HOST ? "median relative error" : "FD to the exact law", lines);
        DocRegions.replace(doc, study.id, md.toString());
        spec.commandLine().getOut().printf(Locale.ROOT, "updated %s (region %s) and %s in %.0f s%n", doc, study.id, plot,
                seconds);
        return 0;
    }

    private String header(List<Process> processes, GaussianMixture gmm, int n, int pathwise, double seconds) {
        StringBuilder names = new StringBuilder();
        for (Process p : processes) {
            names.append(names.isEmpty() ? "" : ", ").append(p.name());
        }
        return String.format(Locale.ROOT, "Process %s, oracle %s (K = %d, D = %d), %d samples from Philox seed %d, %s grid "
                        + "(T and t_min the process defaults), backend %s%s. Generated by `bin/gddim study %s --doc %s` on %s, "
                        + "gddim-java %s, %s %s, %d CPUs, in %.0f s.%n%n",
                names, study.model, gmm.components(), gmm.dim(), n, seed, study.grid, backend,
                pathwise > 0 ? ", reference Dormand-Prince 8(5,3) at tol 1e-10 on the first " + pathwise + " samples" : "",
                study, doc, LocalDate.now(), EngineVersion.current(), System.getProperty("java.vm.name"), Runtime.version(),
                Runtime.getRuntime().availableProcessors(), seconds);
    }

    /** The headline comparisons each study was run for. */
    private String derived(DistributionStudy.Result r) {
        int[] nfe = r.nfe();
        StringBuilder sb = new StringBuilder();
        switch (study) {
            case CLD_FRAMES -> {
                var best = StudyReport.row(r, "gddim q=3");
                for (int target : new int[] {20, 50}) {
                    double fd = best.fd()[indexOf(nfe, target)];
                    sb.append(String.format(Locale.ROOT, "- gDDIM (q = 3, K = R) at %d NFE: FD %.2e%s. EM (λ = 1) reaches it at %s, "
                            + "SSCS at %s; gDDIM q = 3 with K = L at %s.%n", target, fd, floorNote(fd, r),
                            StudyReport.reach(StudyReport.row(r, "em λ=1.0"), nfe, fd), StudyReport.reach(StudyReport.row(r, "sscs"), nfe, fd),
                            StudyReport.reach(StudyReport.row(r, "gddim q=3 K=L"), nfe, fd)));
                }
            }
            case BDM_SAMPLERS -> {
                for (int target : new int[] {10, 20, 50}) {
                    for (String m : new String[] {"gddim q=1", "gddim q=3"}) {
                        double fd = StudyReport.row(r, m).fd()[indexOf(nfe, target)];
                        double em = StudyReport.nfeToReach(StudyReport.row(r, "em λ=1.0"), nfe, fd);
                        double anc = StudyReport.nfeToReach(StudyReport.row(r, "gddim q=1 λ=1.0"), nfe, fd);
                        sb.append(String.format(Locale.ROOT, "- %s at %d NFE: FD %.2e%s; EM (λ = 1) needs %s (ratio %s), "
                                + "stochastic gDDIM λ = 1 (the ancestral step) %s (ratio %s).%n", m, target, fd, floorNote(fd, r),
                                StudyReport.reach(StudyReport.row(r, "em λ=1.0"), nfe, fd), ratio(em, target),
                                StudyReport.reach(StudyReport.row(r, "gddim q=1 λ=1.0"), nfe, fd), ratio(anc, target)));
                    }
                }
            }
            default -> { }
        }
        return sb.isEmpty() ? "" : sb.append('\n').toString();
    }

    /** Flags a target FD within twice the sampling floor: there the NFE that matches it is noise, not a measurement. */
    private static String floorNote(double fd, DistributionStudy.Result r) {
        return fd < 2 * r.floorFd() ? " (within 2× the sampling floor: the match below is not resolved)" : "";
    }

    private static String ratio(double nfe, int base) {
        return Double.isNaN(nfe) ? "above the range run" : String.format(Locale.ROOT, "%.1f×", nfe / base);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        throw new IllegalArgumentException(v + " is not among the study's NFE");
    }
}
