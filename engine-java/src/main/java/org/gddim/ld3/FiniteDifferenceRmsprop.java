package org.gddim.ld3;

import java.util.function.ToDoubleFunction;

/**
 * LD3's own optimiser (pndm-fdm-ld3-spec.md 6.3 step 4) with the gradient taken by central finite differences
 * through the black-box solve ({@code 2 n} evaluations per gradient, step {@code h = 1e-2} in the optimiser's
 * coordinates): clip {@code ||g|| <= 1}, then PyTorch's RMSprop ({@code alpha = 0.99}, {@code eps = 1e-8},
 * momentum 0.9) at learning rate {@code 5e-3} times the round's scale, the iterate kept inside the bounds.
 */
public final class FiniteDifferenceRmsprop implements GridOptimiser {
    static final double STEP = 1e-2;
    static final double LEARNING_RATE = 5e-3;
    static final double ALPHA = 0.99;
    static final double MOMENTUM = 0.9;

    @Override
    public void minimise(ToDoubleFunction<double[]> loss, double[] start, double[] lower, double[] upper, double scale,
            int evaluations, long seed, Iteration callback) {
        int n = start.length;
        double[] x = start.clone();
        double[] square = new double[n];
        double[] buffer = new double[n];
        double[] g = new double[n];
        int used = 0;
        while (used + 2 * n + 1 <= evaluations) {
            double[] at = x.clone();
            double value = loss.applyAsDouble(x);
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double keep = x[i];
                x[i] = keep + STEP;
                double up = loss.applyAsDouble(x);
                x[i] = keep - STEP;
                double down = loss.applyAsDouble(x);
                x[i] = keep;
                g[i] = (up - down) / (2 * STEP);
                norm += g[i] * g[i];
            }
            used += 2 * n + 1;
            norm = Math.sqrt(norm);
            double clip = norm > 1 ? 1 / norm : 1;
            for (int i = 0; i < n; i++) {
                double gi = g[i] * clip;
                square[i] = ALPHA * square[i] + (1 - ALPHA) * gi * gi;
                buffer[i] = MOMENTUM * buffer[i] + gi / (Math.sqrt(square[i]) + 1e-8);
                x[i] = Math.max(lower[i], Math.min(upper[i], x[i] - LEARNING_RATE * scale * buffer[i]));
            }
            if (callback.after(at, value)) { // the point whose loss was measured
                return;
            }
        }
    }

    @Override
    public String name() {
        return "fd-rmsprop";
    }

    @Override
    public String describe() {
        return "central finite differences + RMSprop (lr 5e-3, momentum 0.9, |g| clipped to 1)";
    }
}
