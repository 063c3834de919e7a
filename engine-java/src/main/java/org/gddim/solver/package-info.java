/**
 * Solvers, one file per method named as in its paper. A solver only plans: {@code plan(process, grid)}
 * computes every coefficient once, in double, and emits a short program of {@link org.gddim.solver.Op}s
 * (evaluate the model into an eps slot; take one fused step). {@link org.gddim.solver.Sampler} runs any
 * plan with the same short loop, so no solver branches on the process or the backend, and a whole plan
 * can later be replayed as one CUDA graph.
 *
 * <p>Conventions: grid index n = 0 .. N-1 steps from {@code t[n]} to {@code t[n+1]} (decreasing time);
 * {@code eps_n = eps_theta(u_n, t[n])}; the order q of a multistep method is the number of eps values its
 * predictor combines (gDDIM's q = p + 1, spec pitfall P13), q = 1 being DDIM. eps values live in a ring of
 * slots whose indices are fixed at plan time.
 */
package org.gddim.solver;
