/**
 * Forward diffusion processes (gddim-spec.md sections 1-4; FDM: pndm-fdm-ld3-spec.md 5).
 *
 * <p>Conventions, stated once for the package: forward time {@code t} runs from the data ({@code t = 0})
 * to noise ({@code t = T}); sampling integrates backwards over a decreasing grid. A scalar ("isotropic")
 * process has the marginal {@code x_t = a_t x_0 + sigma_t z} with signal scale {@code a_t}, noise std
 * {@code sigma_t} and the VE-equivalent time {@code rho_t = sigma_t / a_t} (DEIS; {@code logSNR = -2 log rho}).
 * Transition {@code Psi(t, s) = a_t / a_s}, gDDIM's frame {@code R_t = sigma_t}. VP, VE, EDM and FDM (a rescaled
 * host: same rho, {@code a = mu(rho)}) are scalar.
 *
 * <p>State layouts (sample-major, C order, as the backends store them):
 * <ul>
 *   <li>scalar processes: {@code (B, D...)}, the data themselves;
 *   <li>CLD: {@code (B, 2, D...)}: per sample the position plane x (the data) then the velocity plane v, each of
 *       the data's shape; a 2x2 block acts on {@code (x[b, i], v[b, i])}. The data are the x plane;
 *   <li>BDM: {@code (B, C, H, W)} orthonormal DCT-II coefficients of each channel (scipy's
 *       {@code dctn(norm="ortho")} over H, W), frequency {@code (p, q)} at {@code p W + q}; the data are the inverse
 *       DCT ({@link org.gddim.process.Readout}). Images are (C, H, W).
 * </ul>
 *
 * <p>Coefficients (transitions, {@code Psi(t, r) R_r}, and everything a solver plans from them) are
 * {@code double[]} arrays laid out in the process' {@link org.gddim.structure.Structure}: one number for
 * {@code SCALAR}, a row-major 2x2 matrix for {@code BLOCK2} (CLD), an {@code H W} map for {@code DIAGONAL} (BDM).
 * All maths is in double.
 */
package org.gddim.process;
