package org.gddim.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The input files of a job's arguments on an executor: {@code --model onnx:FILE} / {@code gmm:FILE},
 * {@code --grid file:FILE}, {@code --init-noise FILE} and {@code --scheduler-config FILE}. A file that exists at the
 * same path on the executor (a shared file system, local mode) is used there; one that does not is looked up by its
 * name among the files spark-submit shipped ({@code --files}, {@code SparkFiles.get}). The engine checks each
 * file's SHA-256 against the job's settings, so a different file of the same name is refused, not used.
 */
final class ExecutorFiles {
    private ExecutorFiles() {}

    private static final Set<String> FILE_OPTIONS = Set.of("--model", "--grid", "--init-noise", "--scheduler-config");

    /** {@code args} with each input file that is missing here replaced by {@code shipped}'s path for its name. */
    static List<String> localize(List<String> args, UnaryOperator<String> shipped) {
        List<String> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (FILE_OPTIONS.contains(name) && eq > 0) {
                out.add(name + "=" + value(a.substring(eq + 1), shipped));
            } else if (FILE_OPTIONS.contains(name) && i + 1 < args.size()) {
                out.add(a);
                out.add(value(args.get(++i), shipped));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static String value(String v, UnaryOperator<String> shipped) {
        String prefix = "";
        for (String p : List.of("onnx:", "gmm:", "file:")) {
            if (v.startsWith(p)) {
                prefix = p;
            }
        }
        String file = v.substring(prefix.length());
        if (file.isEmpty() || Files.exists(Path.of(file))) {
            return v;
        }
        String local = shipped.apply(Path.of(file).getFileName().toString());
        return local != null && Files.exists(Path.of(local)) ? prefix + local : v; // else the engine names the missing file
    }
}
