package org.gddim.process;

/**
 * The beta schedules of discrete-time (DDPM) checkpoints, as diffusers builds them
 * ({@code beta_schedule}; pndm-fdm-ld3-spec.md 0), here in double for T training steps, j = 0 .. T-1:
 * <ul>
 *   <li>{@link #LINEAR} (DDPM, DDIM and PNDM CIFAR-10/CelebA checkpoints):
 *       {@code beta_j = b0 + j (b1 - b0)/(T - 1)}, b0 = 1e-4, b1 = 0.02;
 *   <li>{@link #SCALED_LINEAR} (Stable Diffusion): {@code beta_j = (sqrt b0 + j (sqrt b1 - sqrt b0)/(T - 1))^2},
 *       b0 = 0.00085, b1 = 0.012;
 *   <li>{@link #COSINE} (improved DDPM, diffusers' "squaredcos_cap_v2"):
 *       {@code beta_j = min(1 - f((j + 1)/T) / f(j/T), 0.999)}, {@code f(t) = cos^2((t + 0.008)/1.008 pi/2)}.
 * </ul>
 * diffusers computes them in float32; the double values differ from its tables by float32 rounding. The constants
 * are the presets of the {@code ddpm-*} processes; {@link DiscreteSchedule} takes any {@code beta_start},
 * {@code beta_end}.
 */
public enum DdpmBetas {
    LINEAR(1e-4, 0.02),
    SCALED_LINEAR(0.00085, 0.012),
    COSINE(Double.NaN, Double.NaN);

    private final double betaStart;
    private final double betaEnd;

    DdpmBetas(double betaStart, double betaEnd) {
        this.betaStart = betaStart;
        this.betaEnd = betaEnd;
    }

    /** The T betas of this schedule with its preset {@code beta_start}, {@code beta_end} (T >= 2). */
    public double[] betas(int trainSteps) {
        return betas(trainSteps, betaStart, betaEnd);
    }

    /** diffusers' {@code beta_start} of the preset (NaN for {@link #COSINE}, which has none). */
    public double betaStart() {
        return betaStart;
    }

    /** diffusers' {@code beta_end} of the preset (NaN for {@link #COSINE}). */
    public double betaEnd() {
        return betaEnd;
    }

    /**
     * The T betas of this schedule from {@code betaStart} to {@code betaEnd} (T >= 2; both ignored by
     * {@link #COSINE}, as in diffusers).
     */
    public double[] betas(int trainSteps, double betaStart, double betaEnd) {
        if (trainSteps < 2) {
            throw new IllegalArgumentException("need at least 2 training steps, got " + trainSteps);
        }
        double[] beta = new double[trainSteps];
        for (int j = 0; j < trainSteps; j++) {
            double f = (double) j / (trainSteps - 1);
            beta[j] = switch (this) {
                case LINEAR -> betaStart + f * (betaEnd - betaStart);
                case SCALED_LINEAR -> {
                    double s = Math.sqrt(betaStart) + f * (Math.sqrt(betaEnd) - Math.sqrt(betaStart));
                    yield s * s;
                }
                case COSINE -> Math.min(1 - cosineAlphaBar((j + 1.0) / trainSteps) / cosineAlphaBar((double) j / trainSteps), 0.999);
            };
        }
        return beta;
    }

    private static double cosineAlphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    /** The command-line spelling: lower case, '-' for '_'. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
