/**
 * Forward diffusion processes (gddim-spec.md sections 1-4).
 *
 * <p>Conventions, stated once for the package: forward time {@code t} runs from the data ({@code t = 0})
 * to noise ({@code t = T}); sampling integrates backwards over a decreasing grid. A scalar ("isotropic")
 * process has the marginal {@code x_t = a_t x_0 + sigma_t z} with signal scale {@code a_t}, noise std
 * {@code sigma_t} and the VE-equivalent time {@code rho_t = sigma_t / a_t} (DEIS; {@code logSNR = -2 log rho}).
 * Transition {@code Psi(t, s) = a_t / a_s}, gDDIM's frame {@code R_t = sigma_t}.
 *
 * <p>Coefficients (transitions, {@code Psi(t, r) R_r}, and everything a solver plans from them) are
 * {@code double[]} arrays laid out in the process' {@link org.gddim.process.Structure}: one number for
 * {@code SCALAR}. All maths is in double.
 */
package org.gddim.process;
