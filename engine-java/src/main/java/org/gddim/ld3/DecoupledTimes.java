package org.gddim.ld3;

/**
 * LD3's decoupled network times (pndm-fdm-ld3-spec.md 6.1 item 2, the paper's Sec. 4.3): the model is evaluated at
 * {@code t^c_i = t_i + xi_i}, {@code |xi_i| <= w Delta}, {@code w = 0.5}, {@code Delta} the smallest gap of the grid,
 * {@code xi_0 = xi_N = 0}. Here the offset is taken in the grid mode's coordinate ({@code log rho} in lambda-mode,
 * sqrt t in time-mode) and the optimiser's variable is the normalised offset {@code s_i = xi_i / (w Delta)} in [-1, 1]
 * (the clip of the official code becomes a bound). The official code measures Delta on the raw logits in
 * lambda-mode, which freezes xi at initialisation (spec 6.1 quirk); measuring it on the grid does not.
 */
public final class DecoupledTimes {
    private DecoupledTimes() {}

    /** The official code's {@code win_rate}. */
    public static final double WIN_RATE = 0.5;

    /** The network times of solver times {@code t} (N + 1) and normalised offsets {@code s} (N + 1, ends ignored). */
    public static double[] networkTimes(LogitGrid grid, double[] t, double[] s) {
        int n = t.length - 1;
        double[] x = new double[n + 1];
        double delta = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= n; i++) {
            x[i] = grid.coordinate(t[i]);
            if (i > 0) {
                delta = Math.min(delta, Math.abs(x[i] - x[i - 1]));
            }
        }
        double[] tc = t.clone();
        for (int i = 1; i < n; i++) {
            double clipped = Math.max(-1, Math.min(1, s[i]));
            tc[i] = grid.time(x[i] + clipped * WIN_RATE * delta);
        }
        return tc;
    }
}
