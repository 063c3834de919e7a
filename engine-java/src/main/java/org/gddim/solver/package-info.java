/**
 * Solvers, one file per method named as in its paper. A solver only plans: {@code plan(process, grid)}
 * computes every coefficient once, in double, and emits a short program of {@link org.gddim.solver.Op}s
 * over a table of batch-sized buffers: evaluate the model into a buffer; take one fused step
 * {@code dst = psi src + sum_j c_j term_j [+ s z]}. {@link org.gddim.solver.Sampler} runs any plan with the same
 * short loop, so no solver branches on the process or the backend, and a whole plan can later be replayed as
 * one CUDA graph. Buffer 0 is the state; the rest (eps history, predictions, data predictions) are the
 * solver's, their indices fixed at plan time.
 *
 * <p>Conventions: grid index n = 0 .. N-1 steps from {@code t[n]} to {@code t[n+1]} (decreasing time);
 * {@code eps_n = eps_theta(u_n, t[n])}; the order q of a multistep method is the number of eps values its
 * predictor combines (gDDIM's q = p + 1, spec pitfall P13), q = 1 being DDIM. Stochastic methods (stochastic
 * gDDIM, Euler-Maruyama, SSCS) are plans too: each noisy step carries its noise coefficient in the structure's
 * layout (a Cholesky factor for 2x2 blocks) and a noise stream id, so the sample's noise is keyed by
 * (seed, stream, sample) like the prior's.
 */
package org.gddim.solver;
