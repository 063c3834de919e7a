package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gddim generate and merge from the command line: a run and its merge print what they wrote; hostile flags are one
 * line naming the flag, exit code 2, no stack trace and no manifest.
 */
class GenerateCommandTest {
    @TempDir
    Path dir;

    private Cli generate(String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("generate", "--model", "gmm:" + Fixtures.modelsDir()
                .resolve("gmm/gmm-8d-5.json"), "--nfe", "4", "--progress", "off", "--out", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private void assertRefused(Cli r, String out, String... expected) {
        assertEquals(2, r.exit(), "stdout: " + r.out() + "\nstderr: " + r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        for (String e : expected) {
            assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
        }
        assertFalse(Files.exists(dir.resolve(out).resolve("manifest.json")));
    }

    @Test
    void aRunAndTheMergeOfItsPartsPrintWhatTheyWrote() {
        Cli one = generate("a", "--n", "50", "--shard-size", "20", "--shard", "1/2");
        assertEquals(0, one.exit(), one.err());
        assertTrue(one.out().contains("wrote 1 shard(s) (20 samples)") && one.out().contains("(part 1/2 of the job)"),
                one.out());
        assertEquals(0, generate("b", "--n", "50", "--shard-size", "20", "--shard", "2/2").exit());
        Cli merged = Cli.run("merge", dir.resolve("a").toString(), dir.resolve("b").toString(), "--out",
                dir.resolve("m").toString());
        assertEquals(0, merged.exit(), merged.err());
        assertTrue(merged.out().startsWith("wrote 3 shards (50 samples)"), merged.out());
    }

    @Test
    void hostileFlagsAreOneLineNamingTheFlag() {
        assertRefused(generate("h", "--n", "1000000000000"), "h", "--n 1000000000000 samples of 8 floats",
                "is free there");
        assertRefused(generate("s", "--n", "10", "--shard", "0/3"), "s", "--shard I/N needs 1 <= I <= N, got 0/3");
        assertRefused(generate("s", "--n", "10", "--shard", "2"), "s", "--shard must be I/N");
        assertRefused(generate("s", "--n", "10", "--shard", "3/4", "--shard-size", "5"), "s", "make only 2 shards");
        assertRefused(generate("s", "--n", "10", "--shard-size", "0"), "s", "--shard-size must be at least 1");
        assertRefused(generate("s", "--n", "10", "--on-nan", "maybe"), "s", "--on-nan must be stop or skip");
        assertRefused(Cli.run("merge", dir.resolve("nothing").toString(), "--out", dir.resolve("m2").toString()), "m2",
                "holds no manifest.json");
    }
}
