package org.gddim.solver;

import java.util.Set;

/**
 * The solvers, by their command-line names (those users know from diffusers, k-diffusion and the papers), with
 * each one's default and accepted settings, checked before any planning: {@code --order} (eps values or stages;
 * fixed for some methods), {@code --corrector} (gddim; unipc-*: pec is UniPC, none is UniP),
 * {@code --[no-]lower-order-final} (dpmpp, unipc-*), {@code --lambda} (gddim, em) and {@code --param} (gddim).
 */
public enum SolverKind {
    /** Deterministic DDIM (scalar processes). */
    DDIM,
    /** gDDIM: multistep predictor of order q in the R (or L) frame, optional corrector; stochastic for lambda > 0. */
    GDDIM,
    /** Euler-Maruyama for the lambda family (default lambda = 1, the reverse SDE). */
    EM,
    /** CLD's symmetric splitting sampler of the reverse SDE. */
    SSCS,
    EULER,
    EDM_HEUN,
    PRK,
    PLMS,
    F_PNDM,
    S_PNDM,
    IPNDM,
    DEIS_TAB,
    DEIS_RHOAB,
    DEIS_RHORK,
    DPMPP,
    UNIPC_BH1,
    UNIPC_BH2;

    /** The order used when none is given. */
    public int defaultOrder() {
        return switch (this) {
            case DDIM, EULER, EM, SSCS -> 1;
            case GDDIM, EDM_HEUN, S_PNDM, DPMPP, UNIPC_BH1, UNIPC_BH2 -> 2;
            case DEIS_TAB, DEIS_RHOAB, DEIS_RHORK -> 3;
            case PRK, PLMS, F_PNDM, IPNDM -> 4;
        };
    }

    /** The corrector used when none is given: UniPC's, for unipc-*; none otherwise. */
    public Corrector defaultCorrector() {
        return this == UNIPC_BH1 || this == UNIPC_BH2 ? Corrector.PEC : Corrector.NONE;
    }

    private boolean fixedOrder() {
        return Set.of(DDIM, EULER, EM, SSCS, EDM_HEUN, PRK, PLMS, F_PNDM, S_PNDM).contains(this);
    }

    /** Whether {@code --[no-]lower-order-final} applies. */
    public boolean hasLowerOrderFinal() {
        return this == DPMPP || this == UNIPC_BH1 || this == UNIPC_BH2;
    }

    /** The solver with the default final-step rule, lambda and frame. */
    public Solver create(int order, Corrector corrector) {
        return create(order, corrector, true);
    }

    /** The deterministic solver with the given final-step rule in the R frame. */
    public Solver create(int order, Corrector corrector, boolean lowerOrderFinal) {
        return create(order, corrector, lowerOrderFinal, Double.NaN, EpsFrame.R);
    }

    /** The solver with the default final-step rule and the given lambda and frame. */
    public Solver create(int order, Corrector corrector, double lambda, EpsFrame frame) {
        return create(order, corrector, true, lambda, frame);
    }

    /**
     * The solver of this kind with the given settings; {@code lambda} NaN means the kind's default (0 for gddim,
     * 1 for em). Throws IllegalArgumentException naming the impossible combination.
     */
    public Solver create(int order, Corrector corrector, boolean lowerOrderFinal, double lambda, EpsFrame frame) {
        if (!Double.isNaN(lambda) && !(lambda >= 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("--lambda must be a finite number >= 0, got " + lambda);
        }
        boolean hasLambda = !Double.isNaN(lambda);
        if (fixedOrder() && order != defaultOrder()) {
            throw new IllegalArgumentException(this + " has order " + defaultOrder() + (corrector == Corrector.NONE ? ""
                    : " and no corrector") + "; " + switch (this) {
                        case DDIM -> "use gddim for --order " + order;
                        case EM, SSCS -> "it is a first-order SDE sampler";
                        default -> "use ipndm, deis-* or gddim to choose --order " + order;
                    });
        }
        boolean unipc = this == UNIPC_BH1 || this == UNIPC_BH2;
        if (corrector != Corrector.NONE && this != GDDIM && !(unipc && corrector == Corrector.PEC)) {
            throw new IllegalArgumentException(this + " has no --corrector " + corrector
                    + (unipc ? " (UniPC's corrector is pec; none gives UniP)" : "; use gddim for a corrector"));
        }
        if (!lowerOrderFinal && !hasLowerOrderFinal()) {
            throw new IllegalArgumentException("--no-lower-order-final applies to dpmpp and unipc-*, not " + this);
        }
        refuse(frame != EpsFrame.R && this != GDDIM, "--param applies to gddim only; " + this + " steps in the R frame");
        if (hasLambda && this != GDDIM && this != EM) {
            throw new IllegalArgumentException(switch (this) {
                case DDIM -> "ddim is deterministic; use --solver gddim --lambda " + lambda
                        + " (stochastic DDIM is gDDIM of order 1)";
                case SSCS -> "sscs samples the reverse SDE (lambda = 1); --lambda does not apply";
                default -> this + " is deterministic; --lambda applies to gddim and em";
            });
        }
        return switch (this) {
            case DDIM -> new Ddim();
            case GDDIM -> {
                if (hasLambda && lambda > 0) {
                    refuse(order != 1 || corrector != Corrector.NONE, "stochastic gDDIM (--lambda > 0) is implemented at "
                            + "order 1 without corrector (the paper's Table 2 setting); use --order 1");
                    refuse(frame != EpsFrame.R, "stochastic gDDIM runs in the R frame; drop --param L or --lambda");
                    yield new StochasticGDdim(lambda);
                }
                yield new GDdim(order, corrector, frame);
            }
            case EM -> new EulerMaruyama(hasLambda ? lambda : 1.0);
            case SSCS -> new Sscs();
            case EULER -> new Euler();
            case EDM_HEUN -> new EdmHeun();
            case PRK -> new Pndm(Pndm.Variant.PRK);
            case PLMS -> new Pndm(Pndm.Variant.PLMS);
            case F_PNDM -> new Pndm(Pndm.Variant.F_PNDM);
            case S_PNDM -> new Pndm(Pndm.Variant.S_PNDM);
            case IPNDM -> new Ipndm(order);
            case DEIS_TAB -> new Deis(Deis.Variant.T_AB, order);
            case DEIS_RHOAB -> new Deis(Deis.Variant.RHO_AB, order);
            case DEIS_RHORK -> new Deis(Deis.Variant.RHO_RK, order);
            case DPMPP -> new DpmSolverPlusPlus(order, lowerOrderFinal);
            case UNIPC_BH1 -> new UniPc(order, UniPc.Variant.BH1, corrector == Corrector.PEC, lowerOrderFinal);
            case UNIPC_BH2 -> new UniPc(order, UniPc.Variant.BH2, corrector == Corrector.PEC, lowerOrderFinal);
        };
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
