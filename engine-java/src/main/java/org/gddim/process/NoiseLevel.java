package org.gddim.process;

/**
 * A process whose noise level is one number per time: the VE-equivalent time {@code rho(t) = sigma_t / a_t}
 * (DEIS; {@code logSNR = -2 log rho}), increasing in t, with its inverse. Needed by the logSNR and EDM grids.
 */
public interface NoiseLevel {
    double rho(double t);

    /** Inverse of {@link #rho}. */
    double tOfRho(double rho);
}
