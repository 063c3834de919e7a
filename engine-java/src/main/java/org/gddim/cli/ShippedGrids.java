package org.gddim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gddim.job.JobException;
import org.gddim.job.ModelSource;
import org.gddim.schedule.GridFile;
import org.gddim.solver.SolverKind;

/** {@code --grid ld3}: the learned grid shipped next to a model file for (model, solver, NFE), or a clear refusal. */
final class ShippedGrids {
    private ShippedGrids() {}

    static Path find(ModelSource model, SolverKind solver, int nfe) {
        Path file = model.file();
        if (file == null) {
            throw new JobException("--grid ld3: the embedded default model has no shipped LD3 grids; learn one with "
                    + "`gddim ld3 --out FILE.json` and pass --grid file:FILE.json");
        }
        Path grid = GridFile.shipped(file, solver.toString(), nfe);
        if (Files.isRegularFile(grid)) {
            return grid;
        }
        String stem = grid.getFileName().toString().replaceAll("\\.ld3-.*$", "");
        String available;
        try (Stream<Path> files = Files.list(file.toAbsolutePath().getParent())) {
            available = String.join(", ", files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(stem + ".ld3-") && n.endsWith(".json")).sorted().toList());
        } catch (IOException e) {
            available = "";
        }
        throw new JobException("--grid ld3: no learned grid ships for model " + file.getFileName() + " with solver " + solver
                + " at NFE " + nfe + " (no " + grid + "); " + (available.isEmpty() ? "this model ships none"
                        : "shipped: " + available) + ". Learn one with `gddim ld3` and pass --grid file:FILE.json");
    }
}
