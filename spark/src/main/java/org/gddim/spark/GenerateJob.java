package org.gddim.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.gddim.cli.GenerateArgs;
import org.gddim.job.GenerateListener;
import org.gddim.job.GenerateManifest;
import org.gddim.job.GenerateRun;
import org.gddim.job.JobException;
import org.gddim.job.ShardLayout;
import org.gddim.job.ShardMaker;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * {@code gddim-spark}: {@code gddim generate} on Apache Spark (package doc; docs/batch.md "On Spark"). It takes
 * generate's options, {@code --out} being any Hadoop path ({@code file:}, {@code hdfs:}, {@code s3a:} ...), and
 * runs one task per shard; the folder it makes is byte for byte generate's. Submit the shaded jar with
 * {@code spark-submit --class org.gddim.spark.GenerateJob target/gddim-spark.jar ARGS} ({@code bin/gddim-spark});
 * without a master it runs in {@code local[*]}.
 */
public final class GenerateJob {
    private GenerateJob() {}

    /** Spark local property, tests only: the shard whose first task attempt fails mid-write. */
    static final String FAIL_SHARD = "spark.gddim.test.failShard";

    /** What the job did. */
    public record Result(String manifest, int shardsWritten, int shardsVerified, long samples, boolean complete,
            long nonFinite, double seconds, double setupSeconds, int tasks, int attemptsSwept) {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns the exit code (0, 1 for an I/O failure, 2 for a refused option or input). */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        try {
            SparkConf conf = new SparkConf().setAppName("gddim generate"); // spark-submit's settings, before Spark starts
            if (!conf.contains("spark.master")) {
                conf.setMaster("local[*]");
            }
            String[] full = withThreads(args, conf);
            GenerateArgs a = GenerateArgs.parse("gddim-spark", full, out); // refuses bad options before Spark starts
            if (a == null) {
                return 0;
            }
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                Result r = execute(sc, full, a, a.listener(err));
                out.printf(Locale.ROOT, "wrote %d shard(s) (%d samples) in %.2f s with %d task(s) (%.0f samples/s; %.2f s "
                        + "of it the driver's set-up)%s%s%n", r.shardsWritten(), r.samples(), r.seconds(), r.tasks(),
                        r.seconds() > 0 ? r.samples() / r.seconds() : 0.0, r.setupSeconds(),
                        r.shardsVerified() > 0 ? "; " + r.shardsVerified() + " finished shard(s) verified and kept" : "",
                        r.nonFinite() > 0 ? "; " + r.nonFinite() + " non-finite sample(s) listed in the manifest" : "");
                out.printf("wrote %s (%s)%n", r.manifest(), r.complete() ? "complete" : "part of the job");
                return 0;
            }
        } catch (JobException e) {
            err.println("gddim-spark: error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("gddim-spark: error: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            JobException job = cause(e, JobException.class);
            if (job != null) { // refused on an executor: the same message as on the driver
                err.println("gddim-spark: error: " + job.getMessage());
                return 2;
            }
            err.println("gddim-spark: error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * {@code args} with {@code --threads} set to the task's cores (spark.task.cpus) unless given: concurrent tasks of
     * one executor must not each claim every core. Threads do not change the samples.
     */
    static String[] withThreads(String[] args, SparkConf conf) {
        boolean given = Arrays.stream(args).anyMatch(a -> a.equals("--threads") || a.startsWith("--threads="));
        if (given) {
            return args;
        }
        String[] out = Arrays.copyOf(args, args.length + 2);
        out[args.length] = "--threads";
        out[args.length + 1] = String.valueOf(conf.getInt("spark.task.cpus", 1));
        return out;
    }

    /**
     * Runs the generate job of {@code args} on {@code sc}: checks the options and the output folder on the driver,
     * then one task per shard of the part ({@code --shard I/N} still selects a part), listing each finished shard in
     * the manifest (rewritten at most every 2 s and at the end).
     */
    public static Result execute(JavaSparkContext sc, String[] args, GenerateListener listener) throws IOException {
        GenerateArgs a = GenerateArgs.parse("gddim-spark", args, new PrintWriter(java.io.Writer.nullWriter()));
        if (a == null) {
            throw new JobException("--help and --version are for the command line, not a job");
        }
        return execute(sc, args, a, listener);
    }

    /** The same, {@code args} already parsed into {@code a}. */
    private static Result execute(JavaSparkContext sc, String[] args, GenerateArgs a, GenerateListener listener)
            throws IOException {
        long start = System.nanoTime();
        GenerateRun.Options o = a.options();
        ShardLayout layout = new ShardLayout(a.job().count(), o.shardSize(), o.part(), o.parts());
        Map<String, String> hadoop = new HashMap<>();
        sc.hadoopConfiguration().forEach(e -> hadoop.put(e.getKey(), e.getValue()));
        Path dir = new Path(a.out());
        OutputDir folder = new OutputDir(MakeShard.fileSystem(dir, hadoop), dir, sc.hadoopConfiguration());
        ExecutorEngines.Key key = new ExecutorEngines.Key(List.of(args), 0);
        ShardMaker driver = BigStack.call("gddim driver set-up", // every refusal before any task
                () -> ShardMaker.open(a.job(), o.shardSize(), o.onNan(), 0));
        GenerateManifest found;
        try {
            found = folder.prepare(driver.settings(), a.job().force());
            long have = folder.remaining();
            if (o.spaceCheck() && have >= 0) { // the same rule as generate's
                GenerateRun.checkSpace(dir.toString(), have, layout, driver.dims(), found);
            }
        } catch (IOException | RuntimeException e) {
            driver.close();
            throw e;
        }
        var settings = driver.settings();
        String method = driver.method();
        if (sc.isLocal()) {
            ExecutorEngines.offer(key, driver); // the tasks run in this JVM: the first one reuses it
        } else {
            driver.close();
        }
        TreeMap<Integer, GenerateManifest.Shard> listed = new TreeMap<>();
        List<ShardWork> works = new ArrayList<>();
        long resumed = 0;
        if (found != null) {
            found.shards().forEach(s -> listed.put(s.index(), s));
        }
        for (int j = layout.firstShard(); j < layout.endShard(); j++) {
            GenerateManifest.Shard s = listed.get(j);
            works.add(new ShardWork(j, s == null ? null : ShardEntry.of(s, true)));
            resumed += s == null ? 0 : s.count();
        }
        double setup = (System.nanoTime() - start) / 1e9;
        listener.begin(layout.partSamples(), resumed, method);
        MakeShard job = new MakeShard(List.of(args), a.out(), hadoop, failShard(sc));
        JavaRDD<ShardWork> rdd = sc.parallelize(works, Math.max(1, works.size()));
        Collector collector = new Collector(folder, settings, listed, listener);
        try {
            sc.sc().runJob(rdd.rdd(), new MakeShard.Task(job), collector, ClassTag$.MODULE$.apply(ShardEntry[].class));
        } catch (RuntimeException e) { // a task failed for good: list what finished, so a rerun keeps it
            try {
                collector.flush();
                AttemptFiles.sweep(folder.fs(), dir);
            } catch (IOException | RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            listener.end();
        }
        collector.flush();
        int swept = AttemptFiles.sweep(folder.fs(), dir);
        GenerateManifest m = new GenerateManifest(settings, new ArrayList<>(listed.values()));
        return new Result(new Path(dir, OutputDir.MANIFEST).toString(), collector.written, collector.verified,
                collector.samples, m.complete(), collector.nonFinite, (System.nanoTime() - start) / 1e9, setup,
                works.size(), swept);
    }

    /**
     * The driver's handler of finished tasks (Spark calls it on the driver, one result at a time, and never ships it):
     * lists their shards and rewrites the manifest now and then.
     */
    private static final class Collector extends AbstractFunction2<Object, ShardEntry[], BoxedUnit> {
        private final OutputDir folder;
        private final com.fasterxml.jackson.databind.JsonNode settings;
        private final TreeMap<Integer, GenerateManifest.Shard> listed;
        private final GenerateListener listener;
        int written;
        int verified;
        long samples;
        long nonFinite;
        private long lastWrite = System.nanoTime();
        private boolean dirty;

        Collector(OutputDir folder, com.fasterxml.jackson.databind.JsonNode settings,
                TreeMap<Integer, GenerateManifest.Shard> listed, GenerateListener listener) {
            this.folder = folder;
            this.settings = settings;
            this.listed = listed;
            this.listener = listener;
        }

        @Override
        public synchronized BoxedUnit apply(Object partition, ShardEntry[] entries) {
            for (ShardEntry e : entries) {
                listed.put(e.index(), e.shard());
                if (e.verified()) {
                    verified++;
                } else {
                    written++;
                    samples += e.count();
                    nonFinite += e.nonFiniteSamples().length;
                    dirty = true;
                    listener.samples(e.count());
                }
            }
            if (dirty && System.nanoTime() - lastWrite > 2_000_000_000L) {
                try {
                    flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return BoxedUnit.UNIT;
        }

        synchronized void flush() throws IOException {
            folder.write(new GenerateManifest(settings, new ArrayList<>(listed.values())));
            lastWrite = System.nanoTime();
            dirty = false;
        }
    }

    private static int failShard(JavaSparkContext sc) {
        String v = sc.getLocalProperty(FAIL_SHARD);
        return v == null ? -1 : Integer.parseInt(v);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
