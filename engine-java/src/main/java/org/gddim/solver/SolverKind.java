package org.gddim.solver;

/** The solvers, by their command-line names. */
public enum SolverKind {
    DDIM,
    GDDIM;

    /** The solver of this kind with the given settings (order and corrector apply to gddim only). */
    public Solver create(int order, Corrector corrector) {
        return switch (this) {
            case DDIM -> {
                if (order != 1 || corrector != Corrector.NONE) {
                    throw new IllegalArgumentException("ddim has order 1 and no corrector; use gddim for --order "
                            + order + (corrector == Corrector.NONE ? "" : " --corrector " + corrector));
                }
                yield new Ddim();
            }
            case GDDIM -> new GDdim(order, corrector);
        };
    }

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
