package org.gddim.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gddim.backend.BackendKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at any moment, then the same command: a child JVM runs {@code gddim generate} (tiny shards, so most
 * of its time is spent writing, renaming and rewriting the manifest) and is killed with SIGKILL at 20 seeded random
 * points: after a random number of further samples plus a random 0-20 ms, or at a random time during start-up (or at that sample target, if sooner). The
 * same command then finishes the job, and the folder is byte-identical to an uninterrupted run's.
 */
class GenerateKillTest {
    private static final long SEED = 20261202L;
    private static final int KILLS = 20;
    /**
     * Samples of the job: enough that 20 kills, each after at most 60 further samples plus 20 ms (an early kill also
     * stops at its sample target), leave work on a fast idle machine too (1500 did not: the job finished after 18).
     */
    private static final int N = 6000;
    private static final Pattern PROGRESS = Pattern.compile("^generate: (\\d+)/\\d+ samples");

    @TempDir
    Path dir;

    private static List<String> command(Path out) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED",
                "-cp", cp, "org.gddim.cli.Main", "generate", "--model", "gmm:" + Generates.GMM, "--nfe", "6", "--n", String.valueOf(N),
                "--seed", "8", "--batch", "10", "--shard-size", "20", "--backend", "java", "--out", out.toString(),
                "--progress", "lines", "--progress-interval", "0");
    }

    /** Runs the child until {@code killAt} says so (then SIGKILL) or it exits; returns its exit code, -9 if killed. */
    private static int runChild(Path out, java.util.function.LongPredicate killWhen, long killAfterMillis, long extraMillis,
            AtomicLong progress, List<String> log) throws Exception {
        Process p = new ProcessBuilder(command(out)).redirectErrorStream(true).start();
        long start = System.nanoTime();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = PROGRESS.matcher(line);
                    if (m.find()) {
                        progress.set(Long.parseLong(m.group(1)));
                    } else {
                        synchronized (log) {
                            log.add(line);
                        }
                    }
                }
            } catch (IOException e) {
                // the child was killed
            }
        });
        while (p.isAlive()) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            if ((killAfterMillis >= 0 && ms >= killAfterMillis) || killWhen.test(progress.get())) {
                Thread.sleep(extraMillis);
                p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
                p.waitFor(30, TimeUnit.SECONDS);
                reader.join(5000);
                return -9;
            }
            if (ms > 60_000) {
                p.destroyForcibly();
                throw new AssertionError("the child ran for a minute: " + log);
            }
            Thread.sleep(1);
        }
        reader.join(5000);
        return p.exitValue();
    }

    @Test
    void killedTwentyTimesAtRandomPointsThenTheSameCommandFinishesByteIdentically() throws Exception {
        Path reference = dir.resolve("reference");
        GenerateRun.execute(Generates.job(reference, N, 10, BackendKind.JAVA, 8), Generates.whole(20),
                GenerateListener.NONE);
        Map<String, byte[]> want = Generates.files(reference);

        Path out = dir.resolve("killed");
        Random random = new Random(SEED);
        AtomicLong progress = new AtomicLong();
        List<String> log = new ArrayList<>();
        int kills = 0;
        int midWrite = 0;
        for (int attempt = 0; kills < KILLS && attempt < 3 * KILLS; attempt++) {
            long seen = progress.get();
            long target = seen + 1 + random.nextInt(60);
            boolean early = random.nextInt(5) == 0; // during start-up, verification or the first batch
            int rc = runChild(out, done -> done >= target, early ? random.nextInt(700) : -1, random.nextInt(21), progress, log);
            if (rc == -9) {
                kills++;
                try (var files = java.nio.file.Files.list(out)) { // what the kill interrupted, for the record
                    midWrite += files.anyMatch(f -> f.getFileName().toString().contains(".tmp-")) ? 1 : 0;
                } catch (java.nio.file.NoSuchFileException e) {
                    // killed before the folder existed
                }
            } else {
                assertEquals(0, rc, "a run between kills may only finish the job: " + log);
                break;
            }
        }
        assertEquals(KILLS, kills, "killed at " + KILLS + " points before the job was done");
        System.out.println("GenerateKillTest: " + kills + " kills, " + midWrite + " of them in the middle of a file write, "
                + progress.get() + " of " + N + " samples done by then");
        assertTrue(progress.get() < N, "the kills left work to do");
        int rc = runChild(out, done -> false, -1, 0, progress, log);
        assertEquals(0, rc, "the same command finishes the job: " + log);
        Map<String, byte[]> got = Generates.files(out);
        assertEquals(want.keySet(), got.keySet(), "no temporary or extra file is left");
        for (String f : want.keySet()) {
            assertArrayEquals(want.get(f), got.get(f), f + " is byte-identical to the uninterrupted run's");
        }
    }
}
