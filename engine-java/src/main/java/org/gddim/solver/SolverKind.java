package org.gddim.solver;

/** The solvers, by their command-line names, and which settings each accepts (checked before any planning). */
public enum SolverKind {
    /** Deterministic DDIM (scalar processes). */
    DDIM,
    /** gDDIM: multistep predictor of order q in the R (or L) frame, optional corrector; stochastic for lambda > 0. */
    GDDIM,
    /** Euler-Maruyama for the lambda family (default lambda = 1, the reverse SDE). */
    EM,
    /** CLD's symmetric splitting sampler of the reverse SDE. */
    SSCS;

    /** The solver of this kind with the given settings (order and corrector apply to gddim only). */
    public Solver create(int order, Corrector corrector) {
        return create(order, corrector, Double.NaN, EpsFrame.R);
    }

    /**
     * The solver of this kind with the given settings; {@code lambda} NaN means the kind's default (0 for gddim,
     * 1 for em). Throws IllegalArgumentException naming the impossible combination.
     */
    public Solver create(int order, Corrector corrector, double lambda, EpsFrame frame) {
        if (!Double.isNaN(lambda) && !(lambda >= 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("--lambda must be a finite number >= 0, got " + lambda);
        }
        boolean hasLambda = !Double.isNaN(lambda);
        return switch (this) {
            case DDIM -> {
                requireFirstOrder("ddim", order, corrector, "gddim");
                refuse(hasLambda, "ddim is deterministic; use --solver gddim --lambda " + lambda + " (stochastic DDIM is gDDIM of order 1)");
                refuse(frame != EpsFrame.R, "--param applies to gddim only");
                yield new Ddim();
            }
            case GDDIM -> {
                if (hasLambda && lambda > 0) {
                    refuse(order != 1 || corrector != Corrector.NONE, "stochastic gDDIM (--lambda > 0) is implemented at "
                            + "order 1 without corrector (the paper's Table 2 setting); use --order 1");
                    refuse(frame != EpsFrame.R, "stochastic gDDIM runs in the R frame; drop --param L or --lambda");
                    yield new StochasticGDdim(lambda);
                }
                yield new GDdim(order, corrector, frame);
            }
            case EM -> {
                requireFirstOrder("em", order, corrector, null);
                refuse(frame != EpsFrame.R, "em steps with the score itself; --param applies to gddim only");
                yield new EulerMaruyama(hasLambda ? lambda : 1.0);
            }
            case SSCS -> {
                requireFirstOrder("sscs", order, corrector, null);
                refuse(hasLambda, "sscs samples the reverse SDE (lambda = 1); --lambda does not apply");
                refuse(frame != EpsFrame.R, "sscs steps with the score itself; --param applies to gddim only");
                yield new Sscs();
            }
        };
    }

    private static void requireFirstOrder(String name, int order, Corrector corrector, String instead) {
        if (order != 1 || corrector != Corrector.NONE) {
            throw new IllegalArgumentException(name + " has order 1 and no corrector" + (instead == null ? ""
                    : "; use " + instead) + " for --order " + order + (corrector == Corrector.NONE ? "" : " --corrector " + corrector));
        }
    }

    private static void refuse(boolean condition, String message) {
        if (condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
