package org.gddim.cli;

import java.io.PrintWriter;
import org.gddim.job.GenerateListener;
import org.gddim.job.GenerateRun;
import org.gddim.job.JobException;
import org.gddim.job.SampleJob;
import picocli.CommandLine;

/**
 * The options of {@code gddim generate}, parsed and checked, for the programs that run the same job elsewhere
 * ({@code gddim-spark}, org.gddim.spark): the job, the shard options, {@code --out} as given (a Hadoop path or URI
 * there) and the progress choice.
 *
 * @param out {@code --out} as typed
 * @param progress auto, on, lines or off
 * @param interval seconds between plain progress lines
 */
public record GenerateArgs(SampleJob job, GenerateRun.Options options, String out, String progress, double interval) {
    /**
     * Parses {@code args} as {@code gddim generate} does. Returns null when {@code --help} or {@code --version} was
     * asked for (printed to {@code out} under the program name {@code name}); a bad option is a {@link JobException}
     * whose message names it.
     */
    public static GenerateArgs parse(String name, String[] args, PrintWriter out) {
        GenerateCommand command = new GenerateCommand();
        CommandLine cli = new CommandLine(command);
        cli.setCommandName(name);
        cli.setOut(out);
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new JobException(e.getMessage() + " (see " + name + " --help)", e);
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return null;
        }
        return command.arguments();
    }

    /** The progress listener {@code --progress} asks for, writing to {@code err}. */
    public GenerateListener listener(PrintWriter err) {
        return switch (progress) {
            case "on" -> new GenerateProgress(true, err, interval);
            case "lines" -> new GenerateProgress(false, err, interval);
            case "off" -> GenerateListener.NONE;
            default -> new GenerateProgress(ProgressListener.interactive(), err, interval);
        };
    }
}
