/**
 * Score models: eps-predictions {@code eps(u, t)} in gDDIM's frame ({@code score = -R_t^{-T} eps};
 * {@code eps = -sigma_t * score} for scalar processes), written into a caller-owned buffer. Batches are the
 * process' state, {@code (B, D...)}, {@code (B, 2, D...)} for CLD, DCT coefficients for BDM, sample-major
 * (process and backend package docs). {@link org.gddim.model.PreconditionedDenoiser} plugs EDM-style denoiser
 * networks (EDM, VP, VE and FDM's c_in) in as eps models. {@link org.gddim.model.GmmScore} is the exact,
 * analytic oracle of gddim-spec.md section 8 and the embedded default model.
 */
package org.gddim.model;
