package org.gddim.solver;

import java.util.Set;

/**
 * The solvers, by their command-line names (those users know from diffusers, k-diffusion and the papers), with
 * each one's default and accepted settings, checked before any planning: {@code --order} (eps values or stages;
 * fixed for some methods), {@code --corrector} (gddim; unipc-*: pec is UniPC, none is UniP),
 * {@code --[no-]lower-order-final} (dpmpp, unipc-*), {@code --lambda} (gddim, em) and {@code --param} (gddim);
 * {@link SolverSpec} fills the defaults and checks the combination.
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
    /** DEIS with the eps polynomial in log rho (diffusers' DEISMultistepScheduler, solver_type logrho). */
    DEIS_LOGRHO,
    DPMPP,
    UNIPC_BH1,
    UNIPC_BH2;

    /** The order used when none is given. */
    public int defaultOrder() {
        return switch (this) {
            case DDIM, EULER, EM, SSCS -> 1;
            case GDDIM, EDM_HEUN, S_PNDM, DPMPP, UNIPC_BH1, UNIPC_BH2 -> 2;
            case DEIS_TAB, DEIS_RHOAB, DEIS_RHORK, DEIS_LOGRHO -> 3;
            case PRK, PLMS, F_PNDM, IPNDM -> 4;
        };
    }

    /** The corrector used when none is given: UniPC's, for unipc-*; none otherwise. */
    public Corrector defaultCorrector() {
        return this == UNIPC_BH1 || this == UNIPC_BH2 ? Corrector.PEC : Corrector.NONE;
    }

    /** Whether the kind has one order only (--order must be its default). */
    boolean fixedOrder() {
        return Set.of(DDIM, EULER, EM, SSCS, EDM_HEUN, PRK, PLMS, F_PNDM, S_PNDM).contains(this);
    }

    /** Whether {@code --[no-]lower-order-final} applies. */
    public boolean hasLowerOrderFinal() {
        return this == DPMPP || this == UNIPC_BH1 || this == UNIPC_BH2 || this == DEIS_LOGRHO;
    }

    /** The solver with the default final-step rule, lambda and frame ({@link SolverSpec}). */
    public Solver create(int order, Corrector corrector) {
        return create(order, corrector, true);
    }

    /** The deterministic solver with the given final-step rule in the R frame ({@link SolverSpec}). */
    public Solver create(int order, Corrector corrector, boolean lowerOrderFinal) {
        return create(order, corrector, lowerOrderFinal, Double.NaN, EpsFrame.R);
    }

    /** The solver with the default final-step rule and the given lambda and frame ({@link SolverSpec}). */
    public Solver create(int order, Corrector corrector, double lambda, EpsFrame frame) {
        return create(order, corrector, true, lambda, frame);
    }

    /**
     * The solver of this kind with the given settings ({@link SolverSpec}, which checks them); {@code lambda} NaN
     * means the kind's default. Throws IllegalArgumentException naming the impossible combination.
     */
    public Solver create(int order, Corrector corrector, boolean lowerOrderFinal, double lambda, EpsFrame frame) {
        return new SolverSpec(this, order, corrector, lowerOrderFinal, lambda, frame).create();
    }

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
