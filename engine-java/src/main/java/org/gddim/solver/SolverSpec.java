package org.gddim.solver;

/**
 * One solver setting, the form the CLI's flags and the Java API give it: its defaults are filled and every
 * combination of options checked once, in the compact constructor; {@link #create()} builds the solver, whose
 * constructor refuses only an order it does not implement. {@code null} (NaN for {@code lambda}) means "the kind's default".
 * An impossible combination is an IllegalArgumentException that names it.
 *
 * @param kind the method
 * @param order eps values or stages (--order); default {@link SolverKind#defaultOrder()}, 1 for stochastic gddim
 * @param corrector --corrector; default {@link SolverKind#defaultCorrector()}
 * @param lowerOrderFinal the final-step order rule of dpmpp and unipc-* (their libraries' default: true)
 * @param lambda stochasticity of the lambda family (gddim-spec.md 1.2), NaN for the solver's default (0 for gddim,
 *     1 for em; sscs is lambda = 1)
 * @param frame the eps frame of gddim's multistep polynomial: R (gDDIM, the default) or L (Cholesky baseline)
 * @param sigmaZeroEnd a last step to sigma = 0 after the grid ({@link SigmaZeroEnd}: diffusers' set_alpha_to_one /
 *     final_sigmas_type zero); ddim, euler, edm-heun, dpmpp and unipc-* only
 */
public record SolverSpec(SolverKind kind, Integer order, Corrector corrector, Boolean lowerOrderFinal, double lambda,
        EpsFrame frame, boolean sigmaZeroEnd) {

    /** A setting without a last step to sigma = 0. */
    public SolverSpec(SolverKind kind, Integer order, Corrector corrector, Boolean lowerOrderFinal, double lambda,
            EpsFrame frame) {
        this(kind, order, corrector, lowerOrderFinal, lambda, frame, false);
    }

    public SolverSpec {
        if (kind == null) {
            throw new IllegalArgumentException("a solver is required");
        }
        if (!Double.isNaN(lambda) && !(lambda >= 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("--lambda must be a finite number >= 0, got " + lambda);
        }
        boolean hasLambda = !Double.isNaN(lambda);
        boolean stochasticGddim = kind == SolverKind.GDDIM && hasLambda && lambda > 0;
        order = order != null ? order : stochasticGddim ? 1 : kind.defaultOrder();
        corrector = corrector != null ? corrector : kind.defaultCorrector();
        lowerOrderFinal = lowerOrderFinal == null || lowerOrderFinal;
        frame = frame != null ? frame : EpsFrame.R;
        if (kind.fixedOrder() && order != kind.defaultOrder()) {
            throw new IllegalArgumentException(kind + " has order " + kind.defaultOrder() + (corrector == Corrector.NONE ? ""
                    : " and no corrector") + "; " + switch (kind) {
                        case DDIM -> "use gddim for --order " + order;
                        case EM, SSCS -> "it is a first-order SDE sampler";
                        default -> "use ipndm, deis-* or gddim to choose --order " + order;
                    });
        }
        boolean unipc = kind == SolverKind.UNIPC_BH1 || kind == SolverKind.UNIPC_BH2;
        if (corrector != Corrector.NONE && kind != SolverKind.GDDIM && !(unipc && corrector == Corrector.PEC)) {
            throw new IllegalArgumentException(kind + " has no --corrector " + corrector
                    + (unipc ? " (UniPC's corrector is pec; none gives UniP)" : "; use gddim for a corrector"));
        }
        if (!lowerOrderFinal && !kind.hasLowerOrderFinal()) {
            throw new IllegalArgumentException("--no-lower-order-final applies to dpmpp, unipc-* and deis-logrho, not " + kind);
        }
        refuse(frame != EpsFrame.R && kind != SolverKind.GDDIM, "--param applies to gddim only; " + kind
                + " steps in the R frame");
        if (hasLambda && kind != SolverKind.GDDIM && kind != SolverKind.EM) {
            throw new IllegalArgumentException(switch (kind) {
                case DDIM -> "ddim is deterministic; use --solver gddim --lambda " + lambda
                        + " (stochastic DDIM is gDDIM of order 1)";
                case SSCS -> "sscs samples the reverse SDE (lambda = 1); --lambda does not apply";
                default -> kind + " is deterministic; --lambda applies to gddim and em";
            });
        }
        refuse(sigmaZeroEnd && !java.util.Set.of(SolverKind.DDIM, SolverKind.EULER, SolverKind.EDM_HEUN, SolverKind.DPMPP,
                SolverKind.UNIPC_BH1, SolverKind.UNIPC_BH2).contains(kind), "a last step to sigma = 0 is implemented after "
                + "ddim, euler, edm-heun, dpmpp and unipc-* (whose last step there is first order, as in diffusers), not " + kind);
        if (stochasticGddim) {
            refuse(order != 1 || corrector != Corrector.NONE, "stochastic gDDIM (--lambda > 0) is implemented at "
                    + "order 1 without corrector (the paper's Table 2 setting); use --order 1");
            refuse(frame != EpsFrame.R, "stochastic gDDIM runs in the R frame; drop --param L or --lambda");
        }
    }

    /** The kind with every setting at its default. */
    public static SolverSpec of(SolverKind kind) {
        return new SolverSpec(kind, null, null, null, Double.NaN, null);
    }

    /** The kind at {@code order} with {@code corrector}, everything else at its default (null: the default). */
    public static SolverSpec of(SolverKind kind, Integer order, Corrector corrector) {
        return new SolverSpec(kind, order, corrector, null, Double.NaN, null);
    }

    /** This setting with a last step to sigma = 0 after the grid. */
    public SolverSpec withSigmaZeroEnd() {
        return new SolverSpec(kind, order, corrector, lowerOrderFinal, lambda, frame, true);
    }

    /** The solver of this setting (the solvers' own constructors still refuse orders they do not implement). */
    public Solver create() {
        Solver s = createGridSolver();
        return sigmaZeroEnd ? new SigmaZeroEnd(s) : s;
    }

    private Solver createGridSolver() {
        boolean hasLambda = !Double.isNaN(lambda);
        return switch (kind) {
            case DDIM -> new Ddim();
            case GDDIM -> hasLambda && lambda > 0 ? new StochasticGDdim(lambda) : new GDdim(order, corrector, frame);
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
            case DEIS_LOGRHO -> new Deis(Deis.Variant.LOG_RHO, order, lowerOrderFinal);
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
}
