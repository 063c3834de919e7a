package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `gddim study` writes its generated region and plot; a tiny sample count keeps it fast (the numbers are not checked). */
class StudyCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheRegionAndThePlot() throws IOException {
        Path doc = dir.resolve("q.md");
        Files.writeString(doc, "# Quality\n\nhand-written text\n");
        Cli r = Cli.run("study", "cld-lambda", "--samples", "40", "--models", Fixtures.modelsDir().resolve("gmm").toString(),
                "--doc", doc.toString());
        assertEquals(0, r.exit(), r.err());
        String text = Files.readString(doc);
        assertTrue(text.startsWith("# Quality\n\nhand-written text\n"), text);
        assertTrue(text.contains("<!-- BEGIN generated:quality-cld-lambda -->"), text);
        assertTrue(text.contains("| em λ=0.5 |"), text);
        assertTrue(Files.size(dir.resolve("quality-cld-lambda.png")) > 1000);
    }

    @Test
    void unknownStudyIsRefused() {
        Cli r = Cli.run("study", "cld-frame", "--doc", dir.resolve("q.md").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("'cld-frame' is not one of cld-frames, bdm-samplers, cld-lambda, fdm-vs-host"), r.err());
    }
}
