package org.gddim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.gddim.cli.Main;
import org.gddim.job.GenerateListener;
import org.gddim.job.JobException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gddim-spark in Spark's {@code local[2]} mode (two task slots, up to 3 attempts per task) against the CLI's
 * {@code gddim generate} run in this JVM with the same options: every file of the two folders (shards, contact
 * sheets, manifest) byte for byte equal, including after a task attempt that dies mid-write and is retried.
 */
class SparkGenerateTest {
    static JavaSparkContext sc;
    static final AtomicInteger failedTasks = new AtomicInteger();
    @TempDir
    static Path tmp;

    static final Path MODELS = Path.of(System.getProperty("gddim.models.dir", "../models"));

    /** mnist-edm, 40 samples in 5 shards of 8 with contact sheets: the ONNX path and every file kind. */
    static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("--process", "edm", "--model", "onnx:" + MODELS.resolve("mnist-edm.onnx"),
                "--solver", "dpmpp", "--order", "2", "--nfe", "4", "--n", "40", "--shard-size", "8", "--seed", "7",
                "--progress", "off", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @BeforeAll
    static void start() {
        SparkConf conf = new SparkConf().setMaster("local[2,3]").setAppName("gddim-spark test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        sc = new JavaSparkContext(conf);
        sc.setLogLevel("ERROR");
        sc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() != Success$.MODULE$) {
                    failedTasks.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        ExecutorEngines.closeAll();
        if (sc != null) {
            sc.close();
        }
    }

    /** {@code gddim generate} with {@link #args} into {@code tmp/name}. */
    static Path cli(String name, String... more) {
        return cliInto(tmp.resolve(name), more);
    }

    static Path cliInto(Path out, String... more) {
        StringWriter err = new StringWriter();
        String[] a = args(out, more);
        String[] full = new String[a.length + 1];
        full[0] = "generate";
        System.arraycopy(a, 0, full, 1, a.length);
        int code = Main.run(full, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        return out;
    }

    static TreeMap<String, byte[]> files(Path dir) throws IOException {
        TreeMap<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    static void assertSameFolder(Path expected, Path actual) throws IOException {
        TreeMap<String, byte[]> e = files(expected);
        e.remove(".gddim-lock"); // the CLI's lock file (empty): the Spark driver does not lock
        TreeMap<String, byte[]> a = files(actual);
        assertEquals(e.keySet(), a.keySet(), "the same files");
        for (String name : e.keySet()) {
            assertArrayEquals(e.get(name), a.get(name), name + " is byte for byte the CLI's");
        }
    }

    @Test
    void localModeIsByteIdenticalToTheCliAndReusesTheEngine() throws IOException {
        Path expected = cli("cli");
        Path out = tmp.resolve("spark");
        int before = ExecutorEngines.opened();
        GenerateJob.Result r = GenerateJob.execute(sc, args(out), GenerateListener.NONE);
        assertEquals(5, r.tasks());
        assertEquals(5, r.shardsWritten());
        assertEquals(40, r.samples());
        assertTrue(r.complete());
        assertSameFolder(expected, out);
        // the driver's engine is offered to the tasks; two slots need at most one more
        assertTrue(ExecutorEngines.opened() - before <= 1, "engines opened for 5 tasks: " + (ExecutorEngines.opened() - before));

        GenerateJob.Result again = GenerateJob.execute(sc, args(out), GenerateListener.NONE); // a rerun verifies, makes nothing
        assertEquals(0, again.shardsWritten());
        assertEquals(5, again.shardsVerified());
        assertSameFolder(expected, out);
    }

    @Test
    void aTaskThatDiesMidWriteIsRetriedWithNoDuplicateOrCorruptShard() throws IOException {
        Path expected = cli("cli-fail");
        Path out = tmp.resolve("spark-fail");
        int failedBefore = failedTasks.get();
        sc.setLocalProperty(GenerateJob.FAIL_SHARD, "2");
        GenerateJob.Result r;
        try {
            r = GenerateJob.execute(sc, args(out), GenerateListener.NONE);
        } finally {
            sc.setLocalProperty(GenerateJob.FAIL_SHARD, null);
        }
        assertEquals(1, failedTasks.get() - failedBefore, "shard 2's first attempt failed once");
        assertEquals(1, r.attemptsSwept(), "the dead attempt's partial file was left, then swept");
        assertEquals(5, r.shardsWritten());
        assertSameFolder(expected, out);
    }

    @Test
    void partsThenTheWholeJobResumeAndTheCliCanContinueIt() throws IOException {
        Path expected = cli("cli-parts");
        Path out = tmp.resolve("spark-parts");
        GenerateJob.Result first = GenerateJob.execute(sc, args(out, "--shard", "1/2"), GenerateListener.NONE);
        assertEquals(2, first.shardsWritten());
        assertFalse(first.complete());
        cliInto(out); // the CLI continues a Spark folder
        Files.deleteIfExists(out.resolve(".gddim-lock"));
        assertSameFolder(expected, out);
    }

    @Test
    void aForeignFolderIsRefusedAndLeftAsItWas() throws IOException {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        JobException e = assertThrows(JobException.class, () -> GenerateJob.execute(sc, args(foreign), GenerateListener.NONE));
        assertTrue(e.getMessage().contains("not a gddim generate folder") && e.getMessage().contains("notes.txt"), e.getMessage());
        assertEquals(List.of("notes.txt"), new ArrayList<>(files(foreign).keySet()));

        Path sampleRun = Files.createDirectories(tmp.resolve("sample-run")); // a sample folder's manifest
        Files.writeString(sampleRun.resolve("manifest.json"), "{\"format\": \"gddim-run-manifest\", \"format_version\": 1}");
        JobException m = assertThrows(JobException.class, () -> GenerateJob.execute(sc, args(sampleRun), GenerateListener.NONE));
        assertTrue(m.getMessage().contains("not a gddim generate manifest"), m.getMessage());

        Path other = tmp.resolve("other-seed"); // a generate folder of other settings
        GenerateJob.execute(sc, args(other, "--shard", "1/5"), GenerateListener.NONE);
        JobException s = assertThrows(JobException.class,
                () -> GenerateJob.execute(sc, args(other, "--on-nan", "skip"), GenerateListener.NONE));
        assertTrue(s.getMessage().contains("other settings") && s.getMessage().contains("on_nan"), s.getMessage());
    }

    @Test
    void aBadOptionIsRefusedBeforeSparkStarts() {
        StringWriter err = new StringWriter();
        int code = GenerateJob.run(new String[] {"--n", "10", "--out", tmp.resolve("x").toString(), "--nfe", "zero"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains("--nfe"), err.toString());
    }
}
