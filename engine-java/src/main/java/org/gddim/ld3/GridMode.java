package org.gddim.ld3;

import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;

/**
 * The coordinate in which LD3 spreads its grid (pndm-fdm-ld3-spec.md 6.1): LAMBDA, uniform steps in the half
 * log-SNR at initialisation (the official code's pixel EDM configs); TIME, uniform in t (its latent configs).
 */
public enum GridMode {
    LAMBDA,
    TIME;

    /** LAMBDA for the isotropic processes (a scalar noise level rho(t)); TIME for CLD and BDM. */
    public static GridMode forProcess(Process process) {
        return process instanceof ScalarProcess ? LAMBDA : TIME;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
