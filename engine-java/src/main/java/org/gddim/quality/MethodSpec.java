package org.gddim.quality;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gddim.solver.Corrector;
import org.gddim.solver.EpsFrame;
import org.gddim.solver.Solver;
import org.gddim.solver.SolverKind;
import org.gddim.solver.SolverSpec;

/**
 * A solver named in a study: {@code KIND[:Q][:CORRECTOR]} with KIND a {@code --solver} name and Q, CORRECTOR as
 * {@code --order}, {@code --corrector} (defaults as there), e.g. {@code plms}, {@code dpmpp:3},
 * {@code unipc-bh2:2:none}; also the short forms {@code gddimQ[-pec|-pece]}, {@code gddimQ-L} (gDDIM with
 * {@code K_t = L_t}, {@code --param L}), {@code gddim1-lambdaX} (stochastic gDDIM, {@code --lambda X}) and
 * {@code em-lambdaX} (Euler-Maruyama of the lambda family; {@code em-lambda0} is the probability-flow Euler).
 */
public record MethodSpec(String name, Solver solver) {
    private static final Pattern GDDIM = Pattern.compile("gddim([1-4])(?:-(pec|pece))?");
    private static final Pattern FRAME_L = Pattern.compile("gddim([1-4])-L");
    private static final Pattern LAMBDA = Pattern.compile("(gddim1|em)-lambda([0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern GENERIC = Pattern.compile("([a-z0-9-]+)(?::([1-4]))?(?::(none|pec|pece))?");

    public static MethodSpec parse(String name) {
        Matcher m = GDDIM.matcher(name);
        if (m.matches()) {
            return new MethodSpec(name, SolverSpec.of(SolverKind.GDDIM, Integer.parseInt(m.group(1)), corrector(m.group(2))).create());
        }
        m = FRAME_L.matcher(name);
        if (m.matches()) {
            return new MethodSpec(name, SolverKind.GDDIM.create(Integer.parseInt(m.group(1)), Corrector.NONE, Double.NaN,
                    EpsFrame.L));
        }
        m = LAMBDA.matcher(name);
        if (m.matches()) {
            SolverKind kind = m.group(1).equals("em") ? SolverKind.EM : SolverKind.GDDIM;
            return new MethodSpec(name, kind.create(1, Corrector.NONE, Double.parseDouble(m.group(2)), EpsFrame.R));
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
                + java.util.Arrays.toString(SolverKind.values()) + ", or gddimQ[-pec|-pece], gddimQ-L, gddim1-lambdaX, em-lambdaX");
    }

    private static Corrector corrector(String name) {
        return name == null ? null : Corrector.valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
