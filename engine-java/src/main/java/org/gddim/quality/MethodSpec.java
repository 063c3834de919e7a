package org.gddim.quality;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gddim.solver.Corrector;
import org.gddim.solver.Solver;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;

/**
 * A solver named in a study: {@code KIND[:Q][:CORRECTOR]} with KIND a {@code --solver} name and Q, CORRECTOR as
 * {@code --order}, {@code --corrector} (defaults as there), e.g. {@code plms}, {@code dpmpp:3},
 * {@code unipc-bh2:2:none}; also the short forms {@code gddimQ[-pec|-pece]}.
 */
public record MethodSpec(String name, Solver solver) {
    private static final Pattern GDDIM = Pattern.compile("gddim([1-4])(?:-(pec|pece))?");
    private static final Pattern GENERIC = Pattern.compile("([a-z0-9-]+)(?::([1-4]))?(?::(none|pec|pece))?");

    public static MethodSpec parse(String name) {
        Matcher m = GDDIM.matcher(name);
        if (m.matches()) {
            return new MethodSpec(name, SolverSpec.of(SolverKind.GDDIM, Integer.parseInt(m.group(1)), corrector(m.group(2))).create());
        }
        m = GENERIC.matcher(name);
        if (m.matches()) {
            for (SolverKind kind : SolverKind.values()) {
                if (kind.toString().equals(m.group(1))) {
                    Integer order = m.group(2) == null ? null : Integer.parseInt(m.group(2));
                    return new MethodSpec(name, SolverSpec.of(kind, order, corrector(m.group(3))).create());
                }
            }
        }
        throw new IllegalArgumentException("unknown method '" + name + "': expected KIND[:Q][:none|pec|pece] with KIND one of "
                + java.util.Arrays.toString(SolverKind.values()) + ", or gddimQ[-pec|-pece]");
    }

    private static Corrector corrector(String name) {
        return name == null ? null : Corrector.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
