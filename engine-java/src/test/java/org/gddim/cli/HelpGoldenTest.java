package org.gddim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The --help text of every command equals its checked-in copy in docs/cli/ (the CLI reference; EDM's
 * generate-help.txt idea). After an intended change, regenerate them with `make cli-docs`.
 */
class HelpGoldenTest {
    static Path docs() {
        return Path.of(System.getProperty("gddim.docs.dir", "../docs"));
    }

    @ParameterizedTest
    @CsvSource({"gddim.txt,--help", "sample.txt,sample --help", "generate.txt,generate --help", "merge.txt,merge --help", "plan.txt,plan --help", "info.txt,info --help", "quality.txt,quality --help",
        "study.txt,study --help", "atlas.txt,atlas --help", "export-gmm.txt,export-gmm --help",
        "model-report.txt,model-report --help", "ld3.txt,ld3 --help", "ld3-report.txt,ld3-report --help"})
    void helpMatchesTheCheckedInReference(String file, String args) throws IOException {
        Cli r = Cli.run(args.split(" "));
        assertEquals(0, r.exit());
        String golden = Files.readString(docs().resolve("cli").resolve(file));
        assertEquals(golden, r.out(), "docs/cli/" + file + " is stale: run `make cli-docs` if the change is intended");
    }
}
