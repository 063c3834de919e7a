package org.gddim.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.gddim.bench.ops.SeparatePasses;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;

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

    /** One measured cell: average microseconds per call and JMH's 99.9 % error (NaN with too few samples). */
    record Cell(double us, double errUs, long samples) {
        double gbps(double bytes) {
            return bytes / (us * 1e3);
        }

        double gbpsErr(double bytes) {
            return gbps(bytes) * errUs / us;
        }

        double relErr() {
            return Double.isFinite(errUs) ? errUs / us : Double.NaN;
        }
    }

    /** Rows of the tables. */
    enum Op {
        FUSED_NATIVE("fused step, nativeCpu (C kernel via FFM)"),
        FUSED_JAVA("fused step, javaScalar (pure-Java reference)"),
        TRIAD("triad pass, C (the bandwidth limit)"),
        SEPARATE("separate passes, C (peers' scheduler step)"),
        BLOCK2_NATIVE("2x2-block step (CLD), nativeCpu"),
        BLOCK2_JAVA("2x2-block step (CLD), javaScalar"),
        DIAG_NATIVE("diagonal step (BDM, m = 1024), nativeCpu"),
        DIAG_JAVA("diagonal step (BDM, m = 1024), javaScalar"),
        DCT_NATIVE("2-D DCT-II of 32 x 32 images, nativeCpu"),
        DCT_JAVA("2-D DCT-II of 32 x 32 images, javaScalar");

        final String label;

        Op(String label) {
            this.label = label;
        }
    }

    record Key(Op op, long n, int k) {}

    /** The rows of the per-k tables (the DCT has no k and gets its own table). */
    static final List<Op> STEP_OPS = List.of(Op.FUSED_NATIVE, Op.FUSED_JAVA, Op.TRIAD, Op.SEPARATE, Op.BLOCK2_NATIVE,
            Op.BLOCK2_JAVA, Op.DIAG_NATIVE, Op.DIAG_JAVA);


    public static void main(String[] args) throws RunnerException {
        Settings s = Settings.parse(args);
        Collection<RunResult> results = new Runner(options(s)).run();
        Map<Key, Cell> cells = collect(results);
        String doc = render(s, cells, SolverReport.collect(results, SolverReport.FUSED, "solver"),
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

    static Map<Key, Cell> collect(Collection<RunResult> results) {
        Map<Key, Cell> cells = new HashMap<>();
        for (RunResult r : results) {
            var params = r.getParams();
            String bench = params.getBenchmark();
            Op op;
            if (bench.endsWith("EiStepBench.fusedStep")) {
                op = "javaScalar".equals(params.getParam("backend")) ? Op.FUSED_JAVA : Op.FUSED_NATIVE;
            } else if (bench.endsWith("TriadBench.triad")) {
                op = Op.TRIAD;
            } else if (bench.endsWith("SeparatePassesBench.separatePasses")) {
                op = Op.SEPARATE;
            } else if (bench.endsWith("Block2StepBench.block2Step")) {
                op = "javaScalar".equals(params.getParam("backend")) ? Op.BLOCK2_JAVA : Op.BLOCK2_NATIVE;
            } else if (bench.endsWith("DiagStepBench.diagStep")) {
                op = "javaScalar".equals(params.getParam("backend")) ? Op.DIAG_JAVA : Op.DIAG_NATIVE;
            } else if (bench.endsWith("Dct2Bench.dct2")) {
                op = "javaScalar".equals(params.getParam("backend")) ? Op.DCT_JAVA : Op.DCT_NATIVE;
            } else {
                continue;
            }
            var primary = r.getPrimaryResult();
            if (!"us/op".equals(primary.getScoreUnit())) {
                throw new IllegalStateException("expected us/op, got " + primary.getScoreUnit());
            }
            String k = params.getParam("k");
            cells.put(new Key(op, Long.parseLong(params.getParam("n")), k == null ? 0 : Integer.parseInt(k)),
                    new Cell(primary.getScore(), primary.getScoreError(), primary.getSampleCount()));
        }
        return cells;
    }

    // ---- rendering -------------------------------------------------------------------------------------------

    static String render(Settings s, Map<Key, Cell> cells, Machine m, ZonedDateTime now) {
        return render(s, cells, Map.of(), Map.of(), m, now);
    }

    /** The report, with the per-solver section when {@code solverCells} has results (SolverReport). */
    static String render(Settings s, Map<Key, Cell> cells, Map<String, Cell> solverCells, Map<String, Cell> peerCells, Machine m,
            ZonedDateTime now) {
        StringBuilder d = new StringBuilder();
        d.append("# Benchmarks: the fused solver step\n\n");
        d.append("_Generated by `make bench` (`org.gddim.bench.Report`, bench/); do not edit by hand, rerun it._\n\n");
        if (s.smoke()) {
            d.append("> **SMOKE RUN, not the final numbers.** These settings (").append(s.jmhLine())
                    .append("; n = ").append(String.join(", ", s.n())).append("; k = ").append(String.join(", ", s.k()))
                    .append(") are only a check that the pipeline works. Run `make bench` on an idle machine for the "
                            + "numbers to quote.\n\n");
        }

        d.append("| | |\n|---|---|\n");
        d.append("| Machine | ").append(m.cpu()).append(", ").append(m.cpus()).append(" logical CPUs, ")
                .append(m.memory()).append(" RAM; caches: ").append(m.caches()).append(" |\n");
        d.append("| Kernel ISA | ").append(m.isa()).append(" |\n");
        d.append("| JDK | ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vendor"))
                .append(")").append(" |\n");
        d.append("| JMH | ").append(Version.getPlainVersion()).append("; ").append(s.jmhLine())
                .append("; forked JVMs get `--enable-native-access=ALL-UNNAMED -Xms256m -Xmx256m` |\n");
        d.append("| Commit | ").append(m.commit()).append(" |\n");
        d.append("| Date | ").append(now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(" |\n");
        d.append("| Command | `").append(COMMAND);
        for (String a : s.args()) {
            d.append(' ').append(a);
        }
        d.append("`").append(s.args().equals(List.of("docs/benchmarks.md")) ? " (what `make bench` runs)" : "").append(" |\n\n");

        verdict(d, cells);

        List<Long> ns = new ArrayList<>();
        for (String n : s.n()) {
            ns.add(Long.parseLong(n));
        }
        ns.sort(Long::compare);
        for (long n : ns) {
            table(d, cells, n, m);
        }
        SolverReport.render(d, solverCells, peerCells, 16_777_216L);
        DctTable.render(d, cells, ns);

        d.append("## The separate-passes step (what the peers run)\n\n");
        d.append("Each op is one full out-of-place pass of a C loop built like libgdk's kernel (same flags, same "
                + "`target_clones` dispatch; `bench/src/main/c/peers.c`), composed in "
                + "`bench/src/main/java/org/gddim/bench/ops/SeparatePasses.java` exactly as diffusers writes the step "
                + "(k = 1 `DDIMScheduler.step`, eta = 0; k = 2..4 `PNDMScheduler.step_plms` + `_get_prev_sample`). "
                + "Temporaries are preallocated (PyTorch's caching allocator) and reused as Python frees "
                + "intermediates; the last op writes the new state in place.\n\n");
        d.append("| k | peer step: ops in order | kernels | reads | writes | useful B/elem | B/elem incl. write-allocate "
                + "| fused B/elem | traffic ratio (useful / incl. write-allocate) |\n");
        d.append("|---|---|---|---|---|---|---|---|---|\n");
        for (int k : ALL_K) {
            SeparatePasses.Traffic t = SeparatePasses.traffic(k);
            int f = SeparatePasses.fusedBytes(k);
            d.append("| ").append(k).append(" | ").append(SeparatePasses.sequence(k)).append(" | ").append(t.kernels())
                    .append(" | ").append(t.reads()).append(" | ").append(t.writes()).append(" | ").append(t.usefulBytes())
                    .append(" | ").append(t.bytesWithWriteAllocate()).append(" | ").append(f).append(" | ")
                    .append(fmt("%.2f× / %.2f×", (double) t.usefulBytes() / f, (double) t.bytesWithWriteAllocate() / f))
                    .append(" |\n");
        }
        d.append("\nWhen the arrays stream from DRAM and every pass runs at the same bandwidth, the time ratio "
                + "separate / fused is the traffic ratio incl. write-allocate: 6.67× for k = 1 and 4, 6.60× for k = 3, "
                + "but only 5.75× for k = 2 (PLMS-2's combination `(3 * ets[-1] - ets[-2]) / 2` is just 3 kernels, a "
                + "coefficient of 1 costs none). So the ≥ 6× target is reachable by traffic for k = 1, 3, 4 with little "
                + "margin (the fused step must run at about the bandwidth of the simple passes), and for k = 2 only if "
                + "the out-of-place passes run slower per byte than the in-place step. Counting useful bytes only, "
                + "the ratios would be 4.0 to 4.7×: write-allocate is what makes eager scheduler steps this costly "
                + "on a CPU.\n\n");

        d.append("## How to read the tables\n\n");
        d.append("- **GB/s** = bytes per element × n / (average time per call); GB = 10^9 bytes. The time is JMH's "
                + "average over the measurement iterations; **±** is JMH's 99.9 % confidence half-width, converted to "
                + "GB/s (left out when there were too few iterations to compute it). The µs table below each GB/s table is "
                + "the raw measurement.\n");
        d.append("- **fused step**: `Backend.step(SCALAR, n, u, u, ...)` through the engine API, in place (the "
                + "engine's normal mode): read u and k eps, write u, **4 (k + 2) bytes per element**. nativeCpu is "
                + "libgdk's C kernel through FFM; javaScalar is the pure-Java reference (double maths per element), "
                + "shown for scale, not expected to reach bandwidth.\n");
        d.append("- **triad pass**: `u[i] = u[i] + q (e0[i] + ... + e_{k-1}[i])` in C, the simplest loop with exactly "
                + "the fused step's memory streams (same 4 (k + 2) bytes). It is the bandwidth limit: **native fused / "
                + "triad** = triad time / fused time, target ≥ 90 % at 16 M elements.\n");
        d.append("- **Why a triad and not a copy.** A copy `b[i] = a[i]` writes to lines that are not in cache, so each "
                + "store first reads the line (write-allocate, read-for-ownership) and later writes it back: it "
                + "moves 12 bytes per element for 8 counted, and its GB/s depends on which you count. The fused step "
                + "writes u in place to lines it has just read, so it never pays write-allocate; the triad has the "
                + "same property and the same number of streams, so it is the fair ceiling.\n");
        d.append("- **2x2-block step** (CLD) and **diagonal step** (BDM): `Backend.step(BLOCK2 | DIAGONAL, ...)` in place, "
                + "the same 4 (k + 2) bytes per element as the scalar step (the 2x2 step reads the x and v planes side "
                + "by side; the diagonal step re-reads its m = 1024 coefficient maps from cache), so the same triad is "
                + "their bandwidth limit and the same ≥ 90 % target applies.\n");
        d.append("- **separate passes**: the same update as 6 to 12 single-op passes (table above). *useful* GB/s counts "
                + "each read and write once, 4 (R + W) bytes per element; *incl. write-allocate* counts the extra read "
                + "of every out-of-place write, 4 (R + 2W), which is the traffic memory really serves once the arrays "
                + "exceed the caches. **separate / fused** = separate-passes time / native fused time, target ≥ 6× at "
                + "16 M elements.\n");
        d.append("- **n = 1 M elements is 4 MiB per array** and the step touches k + 1 of them (8 to 20 MiB; the "
                + "separate passes also 3 to 4 temporaries) against a last-level cache of ").append(m.l3())
                .append(": part of the data stays cached between calls, so 1 M figures can exceed DRAM bandwidth and "
                        + "mix cache and memory effects (a small fused step can stay cache-resident while the separate "
                        + "passes, with their temporaries, spill to DRAM, so the 1 M time ratio can be far above the "
                        + "traffic ratio). The targets are stated, and marked, at 16 M elements (64 MiB per array), "
                        + "which streams from DRAM.\n");
        d.append("- Marks: **pass** / **miss** compare the point estimate with the target; *(within error)* means "
                + "the error interval straddles the target, so a rerun could flip it. A ratio's error combines the two JMH "
                + "errors in quadrature.\n");
        return d.toString();
    }

    private static void verdict(StringBuilder d, Map<Key, Cell> cells) {
        long n = 16_777_216L;
        d.append("## Targets at n = 16 M elements\n\n");
        d.append("| target | k = 1 | k = 2 | k = 3 | k = 4 |\n|---|---|---|---|---|\n");
        d.append("| native fused ≥ 90 % of triad bandwidth |");
        for (int k : ALL_K) {
            d.append(' ').append(bandwidthRatio(cells, n, k, true)).append(" |");
        }
        d.append("\n| separate passes ≥ 6× slower than native fused |");
        for (int k : ALL_K) {
            d.append(' ').append(speedup(cells, n, k, true)).append(" |");
        }
        for (Op step : new Op[] {Op.BLOCK2_NATIVE, Op.DIAG_NATIVE}) {
            d.append("\n| native ").append(step == Op.DIAG_NATIVE ? "diagonal step (BDM)" : "2x2-block step (CLD)")
                    .append(" ≥ 90 % of triad bandwidth |");
            for (int k : ALL_K) {
                d.append(' ').append(bandwidthRatio(cells, step, n, k, true)).append(" |");
            }
        }
        d.append("\n\n");
        if (cells.keySet().stream().noneMatch(key -> key.n() == n)) {
            d.append("_n = 16,777,216 was not measured in this run, so no target is marked._\n\n");
        }
    }

    private static void table(StringBuilder d, Map<Key, Cell> cells, long n, Machine m) {
        d.append("## n = ").append(String.format(Locale.ROOT, "%,d", n)).append(" elements (")
                .append(n * 4 / (1 << 20)).append(" MiB per array)\n\n");
        boolean targets = n == 16_777_216L;
        d.append("GB/s ± error:\n\n");
        d.append("| op | k = 1 | k = 2 | k = 3 | k = 4 |\n|---|---|---|---|---|\n");
        d.append("| bytes per element: fused, triad |");
        for (int k : ALL_K) {
            d.append(' ').append(SeparatePasses.fusedBytes(k)).append(" |");
        }
        d.append("\n| bytes per element: separate passes, useful / incl. write-allocate |");
        for (int k : ALL_K) {
            SeparatePasses.Traffic t = SeparatePasses.traffic(k);
            d.append(' ').append(t.usefulBytes()).append(" / ").append(t.bytesWithWriteAllocate()).append(" |");
        }
        d.append('\n');
        for (Op op : STEP_OPS) {
            if (op == Op.SEPARATE) {
                row(d, cells, n, op, op.label + ", useful bytes", k -> SeparatePasses.traffic(k).usefulBytes());
                row(d, cells, n, op, op.label + ", incl. write-allocate",
                        k -> SeparatePasses.traffic(k).bytesWithWriteAllocate());
            } else {
                row(d, cells, n, op, op.label, SeparatePasses::fusedBytes);
            }
        }
        d.append("| **native fused / triad bandwidth** (target ≥ 90 %").append(targets ? "" : ", stated at 16 M")
                .append(") |");
        for (int k : ALL_K) {
            d.append(' ').append(bandwidthRatio(cells, n, k, targets)).append(" |");
        }
        d.append("\n| **separate passes / native fused time** (target ≥ 6×").append(targets ? "" : ", stated at 16 M")
                .append(") |");
        for (int k : ALL_K) {
            d.append(' ').append(speedup(cells, n, k, targets)).append(" |");
        }
        for (Op step : new Op[] {Op.BLOCK2_NATIVE, Op.DIAG_NATIVE}) {
            d.append("\n| **native ").append(step == Op.DIAG_NATIVE ? "diagonal" : "2x2-block").append(" / triad bandwidth** |");
            for (int k : ALL_K) {
                d.append(' ').append(bandwidthRatio(cells, step, n, k, false)).append(" |");
            }
        }
        d.append("\n| nativeCpu / javaScalar fused speed |");
        for (int k : ALL_K) {
            Cell nat = cells.get(new Key(Op.FUSED_NATIVE, n, k));
            Cell jav = cells.get(new Key(Op.FUSED_JAVA, n, k));
            d.append(' ').append(nat == null || jav == null ? "—" : fmt("%.1f×", jav.us() / nat.us())).append(" |");
        }
        d.append("\n\nAverage time per call, µs ± error:\n\n");
        d.append("| op | k = 1 | k = 2 | k = 3 | k = 4 |\n|---|---|---|---|---|\n");
        for (Op op : STEP_OPS) {
            d.append("| ").append(op.label).append(" |");
            for (int k : ALL_K) {
                Cell c = cells.get(new Key(op, n, k));
                d.append(' ').append(c == null ? "—" : fmt("%.1f", c.us()) + pm("%.1f", c.errUs())).append(" |");
            }
            d.append('\n');
        }
        d.append('\n');
    }

    private interface Bytes {
        int perElement(int k);
    }

    private static void row(StringBuilder d, Map<Key, Cell> cells, long n, Op op, String label, Bytes bytes) {
        d.append("| ").append(label).append(" |");
        for (int k : ALL_K) {
            Cell c = cells.get(new Key(op, n, k));
            if (c == null) {
                d.append(" — |");
            } else {
                double b = (double) bytes.perElement(k) * n;
                d.append(' ').append(fmt("%.2f", c.gbps(b))).append(pm("%.2f", c.gbpsErr(b))).append(" |");
            }
        }
        d.append('\n');
    }

    /** native fused bandwidth / triad bandwidth = triad time / fused time, with a mark when asked. */
    static String bandwidthRatio(Map<Key, Cell> cells, long n, int k, boolean mark) {
        return bandwidthRatio(cells, Op.FUSED_NATIVE, n, k, mark);
    }

    /** A step's bandwidth / triad bandwidth (both 4 (k + 2) bytes per element) = triad time / step time. */
    static String bandwidthRatio(Map<Key, Cell> cells, Op step, long n, int k, boolean mark) {
        Cell fused = cells.get(new Key(step, n, k));
        Cell triad = cells.get(new Key(Op.TRIAD, n, k));
        if (fused == null || triad == null) {
            return "—";
        }
        double r = triad.us() / fused.us();
        double e = r * Math.hypot(fused.relErr(), triad.relErr());
        String s = fmt("%.0f", 100 * r) + pm("%.0f", 100 * e) + " %";
        return mark ? s + " " + mark(r, e, BANDWIDTH_TARGET) : s;
    }

    /** separate-passes time / native fused time, with a mark when asked. */
    static String speedup(Map<Key, Cell> cells, long n, int k, boolean mark) {
        Cell fused = cells.get(new Key(Op.FUSED_NATIVE, n, k));
        Cell sep = cells.get(new Key(Op.SEPARATE, n, k));
        if (fused == null || sep == null) {
            return "—";
        }
        double r = sep.us() / fused.us();
        double e = r * Math.hypot(fused.relErr(), sep.relErr());
        String s = fmt("%.2f×", r) + pm("%.2f", e);
        return mark ? s + " " + mark(r, e, SPEEDUP_TARGET) : s;
    }

    static String mark(double value, double error, double target) {
        String m = value >= target ? "**pass**" : "**miss**";
        if (Double.isFinite(error) && Math.abs(value - target) <= error) {
            m += " *(within error)*";
        }
        return m;
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** " ± error", or nothing when JMH could not compute an error (too few iterations). */
    static String pm(String format, double e) {
        return Double.isFinite(e) ? " ± " + fmt(format, e) : "";
    }

    // ---- machine ---------------------------------------------------------------------------------------------

    /** What the report says about the machine; every probe falls back to "unknown". */
    record Machine(String cpu, int cpus, String memory, String caches, String l3, String isa, String commit) {
        static Machine probe() {
            String cpuinfo = read(Path.of("/proc/cpuinfo"));
            String cpu = "unknown CPU";
            String flags = "";
            for (String line : cpuinfo.split("\n")) {
                if (line.startsWith("model name") && cpu.equals("unknown CPU")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.startsWith("flags") && flags.isEmpty()) {
                    flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                }
            }
            String memory = "unknown";
            for (String line : read(Path.of("/proc/meminfo")).split("\n")) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    memory = fmt("%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
            Map<String, String> caches = new TreeMap<>();
            String l3 = "unknown size";
            for (int i = 0; i < 8; i++) {
                Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache/index" + i);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                String level = read(dir.resolve("level")).trim();
                String type = read(dir.resolve("type")).trim();
                String size = read(dir.resolve("size")).trim();
                if (type.equals("Instruction")) {
                    continue;
                }
                String name = "L" + level + (type.equals("Data") ? "d" : "");
                caches.put(name, name + " " + size(size));
                if (level.equals("3")) {
                    l3 = size(size);
                }
            }
            String cacheText = caches.isEmpty() ? "unknown" : String.join(", ", caches.values());
            return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory, cacheText, l3, isa(flags),
                    gitCommit());
        }

        /** "32K" / "16384K" / "16M" as sysfs writes cache sizes, in KiB or MiB. */
        static String size(String sysfs) {
            try {
                long kib = Long.parseLong(sysfs.replaceAll("[^0-9]", ""));
                if (sysfs.endsWith("M")) {
                    kib *= 1024;
                }
                return kib >= 1024 && kib % 1024 == 0 ? (kib / 1024) + " MiB" : kib + " KiB";
            } catch (NumberFormatException e) {
                return sysfs;
            }
        }

        /** Which of libgdk's target_clones the CPU runs (x86-64 psABI levels). */
        static String isa(String flags) {
            boolean v4 = has(flags, "avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl");
            boolean v3 = has(flags, "avx2", "fma", "bmi1", "bmi2", "f16c", "movbe");
            if (v4) {
                return "x86-64-v4 clone (AVX-512) of every C loop, libgdk's and the baselines' alike";
            }
            if (v3) {
                return "x86-64-v3 clone (AVX2 + FMA; no AVX-512 here) of every C loop, libgdk's and the baselines' alike";
            }
            return flags.isBlank() ? "unknown" : "baseline x86-64 clone (SSE2) of every C loop";
        }

        private static boolean has(String flags, String... names) {
            return Arrays.stream(names).allMatch(f -> flags.contains(" " + f + " "));
        }

        static String gitCommit() {
            String head = git("rev-parse", "--short", "HEAD");
            if (head == null || head.isBlank()) {
                return "unknown (not a git checkout)";
            }
            String status = git("status", "--porcelain");
            return "`" + head.trim() + "`" + (status != null && !status.isBlank() ? " + uncommitted changes" : "");
        }

        private static String git(String... args) {
            List<String> cmd = new ArrayList<>();
            cmd.add("git");
            cmd.addAll(List.of(args));
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return null;
                }
                return out;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private static String read(Path path) {
            try {
                return Files.readString(path);
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
    }
}
