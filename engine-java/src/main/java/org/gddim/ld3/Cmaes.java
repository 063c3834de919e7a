package org.gddim.ld3;

import java.util.function.ToDoubleFunction;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.Well19937c;

/**
 * Derivative-free minimisation by Hansen's CMA-ES, Hipparchus' {@link CMAESOptimizer} (bounded, seeded
 * Well19937c, default population {@code 4 + floor(3 ln n)}), initial step a quarter of each bound's half-width
 * times the round's scale. One iteration is one generation; the callback sees the generation's best point.
 */
public final class Cmaes implements GridOptimiser {
    /** Thrown through the optimiser to end it when the callback says stop. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    @Override
    public void minimise(ToDoubleFunction<double[]> loss, double[] start, double[] lower, double[] upper, double scale,
            int evaluations, long seed, Iteration callback) {
        int n = start.length;
        int population = 4 + (int) Math.floor(3 * Math.log(n));
        if (evaluations < population) {
            return;
        }
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            sigma[i] = 0.25 * (upper[i] - lower[i]) / 2 * scale;
        }
        double[] bestPoint = new double[n];
        double[] bestLoss = {Double.POSITIVE_INFINITY};
        int[] calls = {0};
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            double v = loss.applyAsDouble(x);
            if (v < bestLoss[0]) {
                bestLoss[0] = v;
                System.arraycopy(x, 0, bestPoint, 0, n);
            }
            if (++calls[0] % population == 0) {
                double[] point = bestPoint.clone();
                double value = bestLoss[0];
                bestLoss[0] = Double.POSITIVE_INFINITY;
                if (callback.after(point, value)) {
                    throw new Stop();
                }
            }
            return Double.isFinite(v) ? v : Double.MAX_VALUE;
        });
        CMAESOptimizer optimiser = new CMAESOptimizer(evaluations / population + 1, 0, true, 0, 0, new Well19937c(seed), false,
                null);
        try {
            optimiser.optimize(new MaxEval(evaluations), f, GoalType.MINIMIZE, new InitialGuess(start),
                    new SimpleBounds(lower, upper), new CMAESOptimizer.Sigma(sigma), new CMAESOptimizer.PopulationSize(population));
        } catch (Stop e) {
            // the callback ended it
        } catch (org.hipparchus.exception.MathIllegalStateException e) {
            // the evaluation budget is spent
        }
    }

    @Override
    public String name() {
        return "cmaes";
    }

    @Override
    public String describe() {
        return "CMA-ES (Hipparchus CMAESOptimizer, active, bounded)";
    }
}
