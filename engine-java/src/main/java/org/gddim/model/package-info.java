/**
 * Score models: eps-predictions {@code eps(u, t)} in gDDIM's frame ({@code score = -R_t^{-T} eps};
 * {@code eps = -sigma_t * score} for scalar processes), written into a caller-owned buffer. Batches are
 * {@code (B, D...)} sample-major (backend package doc). {@link org.gddim.model.GmmScore} is the exact,
 * analytic oracle of gddim-spec.md section 8 and the embedded default model.
 */
package org.gddim.model;
