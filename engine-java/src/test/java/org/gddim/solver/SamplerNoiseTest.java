package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.backend.BackendKind;
import org.gddim.backend.Backends;
import org.gddim.model.DataShape;
import org.gddim.model.ScoreModel;
import org.gddim.structure.Structure;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.TimeGrid;
import org.junit.jupiter.api.Test;

/** The runner's noise path: a stochastic step adds s z with z keyed by (seed, stream, sample), whatever the batch. */
class SamplerNoiseTest {
    private static final ScoreModel NO_MODEL = new ScoreModel() {
        @Override
        public DataShape shape() {
            return DataShape.of(3);
        }

        @Override
        public void eps(org.gddim.backend.Buffer u, double t, org.gddim.backend.Buffer out, int batch) {
            throw new AssertionError("not called");
        }

        @Override
        public String describe() {
            return "none";
        }
    };

    /** u = 2 u + 0.5 z_(stream 4) in one step. */
    private static Plan noisyPlan() {
        TimeGrid grid = new TimeGrid(new double[] {1.0, 0.5});
        Op.Step step = new Op.Step(Plan.U, Plan.U, 0.5, new double[] {2}, new int[0], new double[0][],
                new Op.Noise(4, new double[] {0.5}));
        return new Plan("noisy", Structure.SCALAR, grid, 1, List.of(step));
    }

    private static float[] run(Backend backend, long seed, long firstSample, int batch, float[] u0) {
        Plan plan = noisyPlan();
        SamplerState state = new SamplerState(backend, plan, batch, 3);
        state.keyNoise(seed, firstSample);
        backend.write(state.u(), 0, u0);
        Sampler.run(plan, NO_MODEL, backend, state, StepObserver.NONE);
        float[] out = new float[batch * 3];
        backend.read(state.u(), 0, out);
        return out;
    }

    @Test
    void stochasticStepAddsNoiseKeyedBySample() {
        try (Backend b = Backends.open(BackendKind.NATIVE)) {
            float[] u0 = {1, 2, 3, 4, 5, 6};
            float[] got = run(b, 11, 40, 2, u0);
            float[] z = new float[6];
            GaussianNoise.fill(11, 4, 40, 2, 3, z, 0);
            for (int i = 0; i < 6; i++) {
                assertEquals(2 * u0[i] + 0.5f * z[i], got[i], 1e-6);
            }
            float[] second = run(b, 11, 41, 1, new float[] {4, 5, 6});
            assertArrayEquals(new float[] {got[3], got[4], got[5]}, second, "sample 41 alone = sample 41 in a batch");
        }
    }

    @Test
    void planRefusesStepsThatReadTheirOwnOutputAsATerm() {
        assertThrows(IllegalArgumentException.class,
                () -> new Op.Step(1, Plan.U, 0.5, new double[] {1}, new int[] {1}, new double[][] {{1}}));
    }
}
