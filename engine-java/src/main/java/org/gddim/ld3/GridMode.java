package org.gddim.ld3;

import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;

/**
 * The coordinate in which LD3 spreads its grid (pndm-fdm-ld3-spec.md 6.1): LAMBDA, uniform steps in the half
 * log-SNR at initialisation (the official code's pixel EDM configs); SQRT_TIME, uniform in sqrt t, the quadratic grid
 * (the official code's latent configs start uniform in t; here the start is the engine's default grid for CLD and
 * BDM, which is far better at few steps). Recorded in grid.json as {@code lambda} or {@code sqrt_time}.
 */
public enum GridMode {
    LAMBDA,
    SQRT_TIME;

    /** LAMBDA for the isotropic processes (a scalar noise level rho(t)); SQRT_TIME for CLD and BDM. */
    public static GridMode forProcess(Process process) {
        return process instanceof ScalarProcess ? LAMBDA : SQRT_TIME;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
