package org.gddim.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmJson;
import org.gddim.model.onnx.GmmOnnx;
import org.gddim.process.ProcessKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gddim export-gmm}: the exact eps of a Gaussian mixture as an ONNX network with gddim metadata. */
@Command(name = "export-gmm", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        showDefaultValues = true, description = {"Write the exact eps of a Gaussian mixture under a process as an ONNX "
                + "model (computed in float64 inside the graph) with gddim metadata, e.g. to test the ONNX path "
                + "against an exact answer: `gddim sample --model onnx:FILE.onnx`.%n"})
final class ExportGmmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "default",
            description = "The mixture: 'default' (embedded) or gmm:FILE.json.")
    String model;

    @Option(names = "--process", paramLabel = "PROCESS", defaultValue = "vp", converter = CliEnums.Processes.class,
            completionCandidates = CliEnums.Processes.class, description = "Process (vp, ve, edm).")
    ProcessKind process;

    @Option(names = "--out", paramLabel = "FILE.onnx", required = true, description = "Output file (written atomically).")
    Path out;

    @Option(names = "--force", description = "Replace FILE.onnx if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (java.nio.file.Files.exists(out) && !force) {
            throw new org.gddim.job.JobException(out + " exists; use --force to replace it");
        }
        if (java.nio.file.Files.isDirectory(out)) {
            throw new org.gddim.job.JobException(out + " is a folder; --out names the .onnx file to write");
        }
        GaussianMixture gmm = switch (model) {
            case "default" -> GmmJson.defaultMixture();
            default -> {
                if (!model.startsWith("gmm:")) {
                    throw new org.gddim.job.JobException("--model must be 'default' or gmm:FILE.json, got '" + model + "'");
                }
                yield GmmJson.read(Path.of(model.substring(4)));
            }
        };
        try {
            GmmOnnx.write(gmm, process.create(), out);
        } catch (IllegalArgumentException e) {
            throw new org.gddim.job.JobException(e.getMessage());
        }
        spec.commandLine().getOut().printf("wrote %s (K = %d, D = %d, process %s)%n", out, gmm.components(), gmm.dim(), process);
        return 0;
    }
}
