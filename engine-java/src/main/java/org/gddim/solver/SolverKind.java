package org.gddim.solver;

import java.util.Set;

/**
 * The solvers, by their command-line names (those users know from diffusers, k-diffusion and the papers), with
 * each one's default and accepted settings: {@code --order} (eps values or stages; fixed for some methods),
 * {@code --corrector} (gddim; unipc-*: pec is UniPC, none is UniP) and {@code --[no-]lower-order-final}
 * (dpmpp, unipc-*).
 */
public enum SolverKind {
    DDIM,
    GDDIM,
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
            case DDIM, EULER -> 1;
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
        return Set.of(DDIM, EULER, EDM_HEUN, PRK, PLMS, F_PNDM, S_PNDM).contains(this);
    }

    /** Whether {@code --[no-]lower-order-final} applies. */
    public boolean hasLowerOrderFinal() {
        return this == DPMPP || this == UNIPC_BH1 || this == UNIPC_BH2;
    }

    /** The solver with the default final-step rule. */
    public Solver create(int order, Corrector corrector) {
        return create(order, corrector, true);
    }

    /** The solver of this kind with the given settings; IllegalArgumentException names what does not apply. */
    public Solver create(int order, Corrector corrector, boolean lowerOrderFinal) {
        if (fixedOrder() && order != defaultOrder()) {
            throw new IllegalArgumentException(this + " has order " + defaultOrder() + "; "
                    + (this == DDIM ? "use gddim for --order " + order : "use ipndm, deis-* or gddim to choose --order " + order));
        }
        boolean unipc = this == UNIPC_BH1 || this == UNIPC_BH2;
        if (corrector != Corrector.NONE && this != GDDIM && !(unipc && corrector == Corrector.PEC)) {
            throw new IllegalArgumentException(this + " has no --corrector " + corrector
                    + (unipc ? " (UniPC's corrector is pec; none gives UniP)" : "; use gddim for a corrector"));
        }
        if (!lowerOrderFinal && !hasLowerOrderFinal()) {
            throw new IllegalArgumentException("--no-lower-order-final applies to dpmpp and unipc-*, not " + this);
        }
        return switch (this) {
            case DDIM -> new Ddim();
            case GDDIM -> new GDdim(order, corrector);
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

    /** The command-line name: the constant's name in lower case with '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
