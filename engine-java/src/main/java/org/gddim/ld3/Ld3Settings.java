package org.gddim.ld3;

/**
 * How one LD3 training runs (pndm-fdm-ld3-spec.md 6.3, adapted to a black-box network): {@code rounds} restarts of
 * the optimiser from the best checkpoint, the first {@code logitRounds} on the logits only (phase 1), the rest on
 * logits and network-time offsets (phase 2), each with at most {@code evaluationsPerRound} training-loss
 * evaluations and the step scale multiplied by {@code decay} per round; a round ends after {@code patience}
 * iterations without a better validation loss, and training ends after a phase-2 round that found none. With
 * {@code soft}, {@code ballSteps} probe steps of the {@link SoftBall} follow each round.
 */
public record Ld3Settings(GridOptimiser optimiser, int rounds, int logitRounds, int evaluationsPerRound, int patience,
        double decay, boolean soft, int ballSteps, double gamma, long seed) {
    public Ld3Settings {
        if (rounds < 1 || logitRounds < 0 || logitRounds > rounds) {
            throw new IllegalArgumentException("need rounds >= 1 and 0 <= logit rounds <= rounds, got " + rounds + ", " + logitRounds);
        }
        if (evaluationsPerRound < 1 || patience < 1 || !(decay > 0 && decay <= 1) || ballSteps < 0 || !(gamma >= 0)) {
            throw new IllegalArgumentException("evaluations, patience >= 1, decay in (0, 1], ball steps >= 0, gamma >= 0");
        }
    }

    /** The defaults of {@code gddim ld3}: CMA-ES, 4 rounds (1 on logits), 300 evaluations per round, soft. */
    public static Ld3Settings defaults(long seed) {
        return new Ld3Settings(new Cmaes(), 4, 1, 300, 8, 0.5, true, 4, SoftBall.GAMMA, seed);
    }

    public Ld3Settings withOptimiser(GridOptimiser o) {
        return new Ld3Settings(o, rounds, logitRounds, evaluationsPerRound, patience, decay, soft, ballSteps, gamma, seed);
    }

    public Ld3Settings withSoft(boolean s) {
        return new Ld3Settings(optimiser, rounds, logitRounds, evaluationsPerRound, patience, decay, s, ballSteps, gamma, seed);
    }

    public Ld3Settings withBudget(int roundsCount, int evaluations) {
        return new Ld3Settings(optimiser, roundsCount, Math.min(logitRounds, roundsCount), evaluations, patience, decay, soft,
                ballSteps, gamma, seed);
    }
}
