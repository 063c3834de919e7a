package org.gddim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.gddim.backend.BackendUnavailableException;
import org.gddim.job.EngineVersion;
import org.gddim.job.JobException;
import org.gddim.model.ModelSpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gddim}: the engine's command line (package doc for exit codes). Run {@code bin/gddim --help}. */
@Command(name = "gddim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {SampleCommand.class, GenerateCommand.class, MergeCommand.class, PlanCommand.class, InfoCommand.class, QualityCommand.class, StudyCommand.class,
                AtlasCommand.class, ExportGmmCommand.class, ModelReportCommand.class, Ld3Command.class,
                Ld3ReportCommand.class, CommandLine.HelpCommand.class},
        description = "Fast sampling of diffusion models: gDDIM, DDIM, PNDM, iPNDM, DEIS, DPM-Solver++, UniPC, EDM "
                + "Heun, Euler-Maruyama and SSCS on VP, VE, EDM, discrete DDPM schedules, CLD, BDM and FDM, with fused "
                + "native kernels.%n")
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof JobException || e instanceof ModelSpecException || e instanceof BackendUnavailableException) {
                err.println("gddim: error: " + message);
                return 2;
            }
            if (e instanceof IOException) {
                err.println("gddim: error: " + message);
                return 1;
            }
            err.println("gddim: internal error (please report it): " + e);
            e.printStackTrace(err);
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gddim-java " + EngineVersion.current()};
        }
    }
}
