/**
 * Time discretisations (gddim-spec.md section 6). A {@link org.gddim.schedule.TimeGrid} is strictly
 * decreasing, {@code t[0] = T} (sampling start) and {@code t[N] = t_min} (the output time); step {@code n}
 * goes from {@code t[n]} to {@code t[n + 1]}, {@code n = 0 .. N-1}. Grids are built outside the solvers
 * (k-diffusion's {@code get_sigmas_*}), so any grid combines with any solver.
 */
package org.gddim.schedule;
