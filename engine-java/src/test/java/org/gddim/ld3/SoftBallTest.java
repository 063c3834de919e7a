package org.gddim.ld3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The soft ball: LD3's radius, offsets never leave the ball, greedy acceptance never raises a sample's loss. */
class SoftBallTest {
    @Test
    void radiusMatchesTheOfficialCode() {
        assertEquals(0.03072, SoftBall.radius(SoftBall.GAMMA, 3 * 32 * 32, 10), 1e-12); // spec 8: CIFAR-10, N = 10
        assertEquals(0.123, SoftBall.radius(SoftBall.GAMMA, 3 * 32 * 32, 5), 1e-3);
    }

    @Test
    void probesStayInTheBallAndNeverRaiseALoss() {
        int count = 6;
        int dim = 10;
        float[] z = new float[count * dim];
        float[] target = new float[count * dim];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) Math.sin(i);
            target[i] = z[i] + 0.3f * (float) Math.cos(3 * i); // each sample's minimum lies outside the ball
        }
        Function<float[], double[]> losses = starts -> L2Distance.perSample(starts, target, count, dim);
        SoftBall ball = new SoftBall(z, count, dim, 0.05, 7);
        double[] current = losses.apply(ball.starts());
        double[] first = current.clone();
        for (int k = 0; k < 60; k++) {
            double[] before = current.clone();
            ball.step(losses, current);
            double[] actual = losses.apply(ball.starts());
            for (int b = 0; b < count; b++) {
                assertTrue(current[b] <= before[b], "seed 7, step " + k + ": sample " + b + " got worse");
                assertEquals(actual[b], current[b], 1e-12, "tracked loss equals the loss at the kept start");
            }
            assertTrue(ball.largestOffset() <= 0.05 * (1 + 1e-9), "offset outside the ball");
        }
        for (int b = 0; b < count; b++) {
            assertTrue(current[b] < first[b], "sample " + b + " moved towards its target");
        }
    }
}
