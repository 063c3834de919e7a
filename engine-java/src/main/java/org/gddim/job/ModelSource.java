package org.gddim.job;

import java.nio.file.Path;

/** Where the score model comes from: {@code default} (the embedded GMM) or {@code gmm:FILE.json}. */
public sealed interface ModelSource {
    record Default() implements ModelSource {
        @Override
        public String toString() {
            return "default";
        }
    }

    record GmmFile(Path file) implements ModelSource {
        @Override
        public String toString() {
            return "gmm:" + file;
        }
    }

    /** Parses the command-line form; throws {@link JobException} naming the accepted forms. */
    static ModelSource parse(String spec) {
        if (spec.equals("default")) {
            return new Default();
        }
        if (spec.startsWith("gmm:") && spec.length() > 4) {
            return new GmmFile(Path.of(spec.substring(4)));
        }
        throw new JobException("unknown model '" + spec + "': expected 'default' or 'gmm:FILE.json'");
    }
}
