package org.gddim.quality;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gddim.solver.Corrector;
import org.gddim.solver.Ddim;
import org.gddim.solver.GDdim;
import org.gddim.solver.Solver;

/** A solver named in a study: {@code ddim}, or {@code gddimQ} with an optional {@code -pec}/{@code -pece}. */
public record MethodSpec(String name, Solver solver) {
    private static final Pattern GDDIM = Pattern.compile("gddim([1-4])(?:-(pec|pece))?");

    public static MethodSpec parse(String name) {
        if (name.equals("ddim")) {
            return new MethodSpec(name, new Ddim());
        }
        Matcher m = GDDIM.matcher(name);
        if (m.matches()) {
            Corrector c = m.group(2) == null ? Corrector.NONE : Corrector.valueOf(m.group(2).toUpperCase(java.util.Locale.ROOT));
            return new MethodSpec(name, new GDdim(Integer.parseInt(m.group(1)), c));
        }
        throw new IllegalArgumentException("unknown method '" + name + "': expected ddim or gddimQ[-pec|-pece], Q in 1..4");
    }
}
