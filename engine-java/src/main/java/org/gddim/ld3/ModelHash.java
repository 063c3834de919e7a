package org.gddim.ld3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gddim.job.ModelSource;
import org.gddim.model.GmmJson;

/** The SHA-256 of a model's content (the ONNX or mixture file; the embedded default mixture's JSON). */
public final class ModelHash {
    private ModelHash() {}

    public static String of(ModelSource source) throws IOException {
        return switch (source) {
            case ModelSource.Default d -> {
                try (InputStream in = GmmJson.class.getResourceAsStream("default-gmm.json")) {
                    if (in == null) {
                        throw new IOException("default-gmm.json is missing from the engine jar");
                    }
                    yield TeacherCache.sha256(in.readAllBytes());
                }
            }
            case ModelSource.GmmFile f -> TeacherCache.sha256(Files.readAllBytes(f.file()));
            case ModelSource.OnnxFile f -> TeacherCache.sha256(Files.readAllBytes(f.file()));
        };
    }

    /** The model's file, or null for the embedded default. */
    public static Path file(ModelSource source) {
        return switch (source) {
            case ModelSource.Default d -> null;
            case ModelSource.GmmFile f -> f.file();
            case ModelSource.OnnxFile f -> f.file();
        };
    }
}
