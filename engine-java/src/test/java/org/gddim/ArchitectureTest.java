package org.gddim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Layering rules of style-anchors.md, checked on the sources: FFM types stay in bindings and backend (never in
 * the solvers' or models' API), and nothing outside bindings touches the raw bindings.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/gddim");
    private static final List<String> NO_FFM = List.of("solver", "process", "schedule", "quality", "job", "cli", "rng",
            "reference");

    @Test
    void ffmTypesStayOutOfSolverFacingPackages() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String pkg : NO_FFM) {
            for (Path file : javaFiles(MAIN.resolve(pkg))) {
                if (Files.readString(file).contains("java.lang.foreign")) {
                    offenders.add(MAIN.relativize(file).toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "java.lang.foreign used outside backend/model/io");
    }

    @Test
    void onlyBindingsTouchesRawBindings() throws IOException {
        List<Path> files = javaFiles(MAIN);
        assertTrue(files.size() > 30, "source scan found " + files.size() + " files; wrong working directory?");
        List<String> offenders = new ArrayList<>();
        for (Path file : files) {
            if (Files.readString(file).contains("org.gddim.bindings.raw")) {
                offenders.add(MAIN.relativize(file).toString());
            }
        }
        assertEquals(List.of(), offenders);
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }
}
