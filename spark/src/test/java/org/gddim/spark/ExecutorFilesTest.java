package org.gddim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input files on an executor: kept where they exist, else taken from the files spark-submit shipped. */
class ExecutorFilesTest {
    @TempDir
    Path dir;

    @Test
    void missingInputsAreTakenFromTheShippedFilesAndTheRestIsKept() throws IOException {
        Path here = Files.writeString(dir.resolve("here.onnx"), "x");
        Path shipped = Files.writeString(Files.createDirectories(dir.resolve("shipped")).resolve("grid.json"), "{}");
        Path shippedModel = Files.writeString(dir.resolve("shipped/m.onnx"), "x");
        List<String> args = List.of("--model", "onnx:/nowhere/m.onnx", "--grid=file:/nowhere/grid.json", "--seed", "3",
                "--init-noise", here.toString(), "--scheduler-config", "/nowhere/absent.json");
        List<String> out = ExecutorFiles.localize(args, name -> dir.resolve("shipped").resolve(name).toString());
        assertEquals(List.of("--model", "onnx:" + shippedModel, "--grid=file:" + shipped, "--seed", "3",
                "--init-noise", here.toString(), "--scheduler-config", "/nowhere/absent.json"), out,
                "shipped files replace missing ones; present or unknown files are left for the engine to name");
    }
}
