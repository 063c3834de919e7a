package org.gddim.process;

import java.util.Arrays;

/**
 * The betas of a discrete-time (DDPM) checkpoint as parameters, diffusers' {@code scheduler_config.json} keys
 * {@code num_train_timesteps}, {@code beta_schedule}, {@code beta_start}, {@code beta_end}, {@code trained_betas}
 * and {@code steps_offset}; {@link #process(String)} builds the {@link DiscreteVp} (log-linear interpolation between
 * labels). The {@code ddpm-*} processes are the presets {@link #LINEAR}, {@link #SCALED_LINEAR}, {@link #COSINE}.
 * A parameter out of range is an IllegalArgumentException that names it.
 *
 * @param trainSteps T, the training timesteps (labels 0 .. T-1), T >= 2
 * @param betaSchedule the formula of the betas ({@link DdpmBetas}); ignored when {@code trainedBetas} is given
 * @param betaStart beta of label 0 (linear and scaled-linear only; NaN for cosine or trained betas)
 * @param betaEnd beta of label T-1 (likewise)
 * @param trainedBetas T explicit betas in (0, 1), or null
 * @param stepsOffset diffusers' {@code steps_offset} (added to the leading spacing's labels), >= 0
 */
public record DiscreteSchedule(int trainSteps, DdpmBetas betaSchedule, double betaStart, double betaEnd,
        double[] trainedBetas, int stepsOffset) {

    /** ddpm-linear: 1000 steps, linear betas 1e-4 .. 0.02 (DDPM, DDIM and PNDM checkpoints), steps offset 0. */
    public static final DiscreteSchedule LINEAR = preset(DdpmBetas.LINEAR, 0);
    /** ddpm-scaled-linear: 1000 steps, scaled-linear betas 0.00085 .. 0.012 (Stable Diffusion), steps offset 1. */
    public static final DiscreteSchedule SCALED_LINEAR = preset(DdpmBetas.SCALED_LINEAR, 1);
    /** ddpm-cosine: 1000 steps, improved-DDPM cosine betas (squaredcos_cap_v2), steps offset 0. */
    public static final DiscreteSchedule COSINE = preset(DdpmBetas.COSINE, 0);

    public DiscreteSchedule {
        if (trainedBetas != null) {
            trainedBetas = trainedBetas.clone();
            if (trainedBetas.length != trainSteps) {
                throw new IllegalArgumentException("trained_betas has " + trainedBetas.length
                        + " entries but num_train_timesteps is " + trainSteps);
            }
            for (int k = 0; k < trainedBetas.length; k++) {
                if (!(trainedBetas[k] > 0 && trainedBetas[k] < 1)) {
                    throw new IllegalArgumentException("trained_betas[" + k + "] = " + trainedBetas[k] + " is not in (0, 1)");
                }
            }
        } else if (betaSchedule == null) {
            throw new IllegalArgumentException("a beta_schedule or trained_betas is required");
        }
        if (trainSteps < 2 || trainSteps > 100_000) {
            throw new IllegalArgumentException("num_train_timesteps must be in 2..100000, got " + trainSteps);
        }
        if (stepsOffset < 0 || stepsOffset >= trainSteps) {
            throw new IllegalArgumentException("steps_offset must be in 0.." + (trainSteps - 1) + ", got " + stepsOffset);
        }
        boolean usesEnds = trainedBetas == null && betaSchedule != DdpmBetas.COSINE;
        if (usesEnds) {
            if (!(betaStart > 0 && betaStart < 1)) {
                throw new IllegalArgumentException("beta_start must be in (0, 1), got " + betaStart);
            }
            if (!(betaEnd > 0 && betaEnd < 1)) {
                throw new IllegalArgumentException("beta_end must be in (0, 1), got " + betaEnd);
            }
        } else {
            betaStart = Double.NaN; // not used: normalised so that equal schedules are equal records
            betaEnd = Double.NaN;
        }
        if (trainedBetas != null) {
            betaSchedule = null;
        }
    }

    /** The preset of {@code betas} at 1000 training steps. */
    public static DiscreteSchedule preset(DdpmBetas betas, int stepsOffset) {
        return new DiscreteSchedule(1000, betas, betas.betaStart(), betas.betaEnd(), null, stepsOffset);
    }

    /** The T betas, in double. */
    public double[] betas() {
        return trainedBetas != null ? trainedBetas.clone() : betaSchedule.betas(trainSteps, betaStart, betaEnd);
    }

    /** The process of these betas (log-linear interpolation of log abar between labels). */
    public DiscreteVp process(String name) {
        return DiscreteVp.of(name, betas(), DiscreteVp.Interpolation.LOG_LINEAR, stepsOffset);
    }

    /** Whether the betas are the same as {@code other}'s (the steps offset aside). */
    public boolean sameBetas(DiscreteSchedule other) {
        return Arrays.equals(betas(), other.betas());
    }

    /** This schedule with another steps offset. */
    public DiscreteSchedule withStepsOffset(int offset) {
        return new DiscreteSchedule(trainSteps, betaSchedule, betaStart, betaEnd, trainedBetas, offset);
    }

    /**
     * The process name that identifies these betas, e.g. {@code ddpm(linear 0.0001..0.02, T 1000, offset 0)} or
     * {@code ddpm(trained_betas <hash>, T 1000, offset 0)}: it is the run manifest's process, so that a resumed
     * run checks the schedule too.
     */
    public String describe() {
        String betas = trainedBetas != null ? "trained_betas " + Integer.toHexString(Arrays.hashCode(trainedBetas))
                : betaSchedule == DdpmBetas.COSINE ? "squaredcos_cap_v2"
                : (betaSchedule == DdpmBetas.LINEAR ? "linear " : "scaled_linear ") + plain(betaStart) + ".." + plain(betaEnd);
        return "ddpm(" + betas + ", T " + trainSteps + ", offset " + stepsOffset + ")";
    }

    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscreteSchedule d && trainSteps == d.trainSteps && betaSchedule == d.betaSchedule
                && Double.compare(betaStart, d.betaStart) == 0 && Double.compare(betaEnd, d.betaEnd) == 0
                && Arrays.equals(trainedBetas, d.trainedBetas) && stepsOffset == d.stepsOffset;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * trainSteps + Arrays.hashCode(trainedBetas)) + Double.hashCode(betaStart) + stepsOffset;
    }

    @Override
    public String toString() {
        return describe();
    }
}
