package org.gddim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.gddim.backend.Backends;
import org.gddim.job.EngineVersion;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.solver.SolverKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gddim info}: version, machine, and which backends work here (and why the others do not). */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Print the engine version, the machine, and which backends are available (and why not).%n")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("gddim-java " + EngineVersion.current());
        out.printf("java: %s %s, %s %s, %d CPUs%n", System.getProperty("java.vm.name"), Runtime.version(),
                System.getProperty("os.name"), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        out.println("backends:");
        for (Backends.Availability a : Backends.available()) {
            out.printf("  %-8s %-12s %s%n", a.kind(), a.available() ? "available" : "unavailable", a.detail());
        }
        out.println("processes: " + String.join(", ", names(ProcessKind.values())));
        out.println("solvers:   " + String.join(", ", names(SolverKind.values()))
                + " (gddim: --order 1..4, --corrector none|pec|pece, --param R|L, --lambda; em: --lambda; sscs: cld)");
        out.println("grids:     " + String.join(", ", names(GridKind.values())));
        return 0;
    }

    private static String[] names(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].toString();
        }
        return out;
    }
}
