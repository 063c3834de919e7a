package org.gddim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.gddim.bench.Measurements.Cell;
import org.gddim.bench.Measurements.Key;

/**
 * Runs the fused-step benchmarks (org.gddim.bench.ops) through the JMH Java API and writes the report,
 * docs/benchmarks.md: machine, JDK, commit, date and command; per n a table of GB/s (with JMH's error) for the
 * native and Java fused step, the triad bandwidth limit and the separate-passes peer step, per k; and the two
 * target ratios (native fused / triad bandwidth >= 90 %, separate passes / fused time >= 6x) marked pass or
 * miss. Run by {@code make bench}:
 *
 * <pre>
 *   java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar org.gddim.bench.Report docs/benchmarks.md
 *        [--forks 1] [--warmup 3] [--warmup-time 1s] [--iterations 5] [--time 1s]
 *        [--n 1048576,16777216] [--k 1,2,3,4] [--backend javaScalar,nativeCpu] [--solvers ddim,plms,..] [--json FILE]
 * </pre>
 *
 * <p>This class is the driver (settings, the JMH run, the file); {@link Measurements} turns JMH results into table
 * cells, {@link ReportMarkdown} writes the Markdown, {@link Machine} probes the machine.
 */
public final class Report {
    private Report() {}

    static final String COMMAND = "java --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar org.gddim.bench.Report";
    static final double BANDWIDTH_TARGET = 0.90;
    static final double SPEEDUP_TARGET = 6.0;
    static final List<Integer> ALL_K = List.of(1, 2, 3, 4);

    /** Run settings (defaults: CI-friendly, about 6 minutes for the full matrix). */
    record Settings(Path out, int forks, int warmup, String warmupTime, int iterations, String time, List<String> n,
            List<String> k, List<String> backends, List<String> solvers, Path json, List<String> args) {
        static Settings parse(String[] args) {
            Path out = Path.of("docs/benchmarks.md");
            int forks = 1;
            int warmup = 3;
            String warmupTime = "1s";
            int iterations = 5;
            String time = "1s";
            List<String> n = List.of("1048576", "16777216");
            List<String> k = List.of("1", "2", "3", "4");
            List<String> backends = List.of("javaScalar", "nativeCpu");
            Path json = null;
            List<String> solvers = SolverReport.solvers();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    out = Path.of(a);
                    continue;
                }
                if (a.equals("--help") || a.equals("-h")) {
                    System.out.println("usage: " + COMMAND + " [OUT.md] [--forks N] [--warmup N] [--warmup-time 1s]"
                            + " [--iterations N] [--time 1s] [--n 1048576,16777216] [--k 1,2,3,4]"
                            + " [--backend javaScalar,nativeCpu] [--solvers " + String.join(",", SolverReport.solvers())
                            + "] [--json FILE]");
                    System.exit(0);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--forks" -> forks = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--warmup-time" -> warmupTime = v;
                    case "--iterations" -> iterations = Integer.parseInt(v);
                    case "--time" -> time = v;
                    case "--n" -> n = List.of(v.split(","));
                    case "--k" -> k = List.of(v.split(","));
                    case "--backend" -> backends = List.of(v.split(","));
                    case "--json" -> json = Path.of(v);
                    case "--solvers" -> solvers = v.isEmpty() ? List.of() : List.of(v.split(","));
                    default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                }
            }
            if (forks < 1 || iterations < 1 || warmup < 0) {
                throw new IllegalArgumentException("need --forks >= 1, --iterations >= 1, --warmup >= 0");
            }
            return new Settings(out, forks, warmup, warmupTime, iterations, time, n, k, backends, solvers, json, List.of(args));
        }

        /** Too short for the final numbers (the report says so at the top). */
        boolean smoke() {
            return forks * iterations < 5 || TimeValue.fromString(time).convertTo(TimeUnit.MILLISECONDS) < 1000
                    || !n.containsAll(List.of("1048576", "16777216")) || !k.containsAll(List.of("1", "2", "3", "4"))
                    || !backends.containsAll(List.of("javaScalar", "nativeCpu")) || !solvers.containsAll(SolverReport.solvers());
        }

        String jmhLine() {
            return forks + " fork" + (forks == 1 ? "" : "s") + ", " + warmup + " warm-up × " + warmupTime + ", "
                    + iterations + " measurement × " + time + ", average time, 1 thread";
        }
    }

    public static void main(String[] args) throws RunnerException {
        Settings s = Settings.parse(args);
        Collection<RunResult> results = new Runner(options(s)).run();
        Map<Key, Cell> cells = Measurements.collect(results);
        String doc = ReportMarkdown.render(s, cells, SolverReport.collect(results, SolverReport.FUSED, "solver"),
                SolverReport.collect(results, SolverReport.PEER, "peer"), Machine.probe(), ZonedDateTime.now(ZoneOffset.UTC));
        try {
            Path parent = s.out().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(s.out(), doc, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + s.out(), e);
        }
        System.out.println("✓ benchmark report written to " + s.out() + (s.smoke() ? " (SMOKE settings)" : ""));
    }

    static org.openjdk.jmh.runner.options.Options options(Settings s) {
        List<String> peers = SolverReport.peers(s.solvers());
        String benches = "EiStepBench|TriadBench|SeparatePassesBench|Block2StepBench|DiagStepBench|Dct2Bench" + (s.solvers().isEmpty() ? "" : "|SolverStepBench")
                + (peers.isEmpty() ? "" : "|PeerStepBench");
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("org\\.gddim\\.bench\\.ops\\.(" + benches + ")\\.")
                .forks(s.forks())
                .warmupIterations(s.warmup())
                .warmupTime(TimeValue.fromString(s.warmupTime()))
                .measurementIterations(s.iterations())
                .measurementTime(TimeValue.fromString(s.time()))
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .threads(1)
                .shouldFailOnError(true)
                .param("n", s.n().toArray(String[]::new))
                .param("k", s.k().toArray(String[]::new))
                .param("backend", s.backends().toArray(String[]::new));
        if (!s.solvers().isEmpty()) {
            b = b.param("solver", s.solvers().toArray(String[]::new));
        }
        if (!peers.isEmpty()) {
            b = b.param("peer", peers.toArray(String[]::new));
        }
        if (s.json() != null) {
            b = b.result(s.json().toString()).resultFormat(ResultFormatType.JSON);
        }
        return b.build();
    }
}
