package org.gddim.ld3;

import java.util.ArrayList;
import java.util.List;

/**
 * LD3's training loop (pndm-fdm-ld3-spec.md 6.3) for a black-box network: rounds of the {@link GridOptimiser} on
 * the mean training loss, restarted from the best checkpoint; after every iteration the validation loss (hard:
 * the validation pairs' own starts) of the iteration's best point, which becomes the checkpoint when it lowers the
 * validation loss without raising the training loss above the checkpoint's (the initial grid is the first
 * checkpoint, so the result never validates worse than it; the second condition keeps a validation set whose
 * loss is dominated by one sample, e.g. one that lands in another mode of a mixture, from picking a grid that only
 * fixes that sample); early stopping by patience;
 * and, soft, the {@link SoftBall} moves of the training starts after each round. Deterministic for a seed.
 */
public final class Ld3Trainer {
    private Ld3Trainer() {}

    /** One optimiser iteration: mean training loss (soft when the ball is on), validation loss, cost so far. */
    public record Iteration(int iteration, int round, double trainLoss, double valLoss, double bestValLoss,
            long evaluations, double seconds) {}

    /**
     * The result: the best parameters, their validation loss, the initial grid's, the history, the number of
     * training-loss evaluations (each a solve of the training set) and the wall time.
     */
    public record Result(Ld3Parameters best, double bestValLoss, double initialValLoss, double initialTrainLoss,
            List<Iteration> history, long evaluations, double seconds, double radius) {}

    /** Trains {@code student} on {@code train}, validating on {@code val}. */
    public static Result train(Student student, TeacherPairs train, TeacherPairs val, Ld3Settings settings,
            Ld3Listener listener) {
        long start = System.nanoTime();
        int steps = student.grid().steps();
        double radius = settings.soft() ? SoftBall.radius(settings.gamma(), train.stateDim(), steps) : 0;
        SoftBall ball = new SoftBall(train.z(), train.count(), train.stateDim(), radius, settings.seed() ^ 0x5DEECE66DL);
        Ld3Parameters init = Ld3Parameters.initial(steps);
        double initialTrain = L2Distance.mean(student.losses(init, train.z(), train.y(), train.count()));
        State st = new State(init, L2Distance.mean(student.losses(init, val.z(), val.y(), val.count())), initialTrain);
        List<Iteration> history = new ArrayList<>();
        history.add(new Iteration(0, 0, initialTrain, st.bestVal, st.bestVal, 0, 0));
        long[] evaluations = {0};
        int population = 4 + (int) Math.floor(3 * Math.log(Ld3Parameters.size(steps, true)));
        listener.begin(settings.rounds() * Math.max(1, settings.evaluationsPerRound() / Math.min(population, steps + 1)));
        listener.iteration(history.getFirst());
        double scale = 1;
        for (int round = 0; round < settings.rounds(); round++) {
            boolean offsets = round >= settings.logitRounds();
            float[] starts = settings.soft() ? ball.starts() : train.z();
            Ld3Parameters base = st.best;
            double before = st.bestVal;
            int[] stale = {0};
            int r = round;
            settings.optimiser().minimise(v -> {
                evaluations[0]++;
                return L2Distance.mean(student.losses(base.with(v), starts, train.y(), train.count()));
            }, base.vector(offsets), Ld3Parameters.lower(steps, offsets), Ld3Parameters.upper(steps, offsets), scale,
                    settings.evaluationsPerRound(), settings.seed() + 7919L * round, (point, loss) -> {
                        Ld3Parameters p = base.with(point);
                        double v = L2Distance.mean(student.losses(p, val.z(), val.y(), val.count()));
                        if (v < st.bestVal && loss <= st.bestTrain) {
                            st.best = p;
                            st.bestVal = v;
                            st.bestTrain = loss;
                            stale[0] = 0;
                        } else {
                            stale[0]++;
                        }
                        Iteration it = new Iteration(history.size(), r, loss, v, st.bestVal, evaluations[0],
                                (System.nanoTime() - start) / 1e9);
                        history.add(it);
                        listener.iteration(it);
                        return stale[0] >= settings.patience();
                    });
            if (settings.soft() && settings.ballSteps() > 0) {
                Ld3Parameters best = st.best;
                double[] current = student.losses(best, ball.starts(), train.y(), train.count());
                for (int k = 0; k < settings.ballSteps(); k++) {
                    ball.step(z -> student.losses(best, z, train.y(), train.count()), current);
                }
            }
            scale *= settings.decay();
            if (offsets && !(st.bestVal < before)) {
                break; // a round with every variable free found nothing better: stop early
            }
        }
        listener.end();
        return new Result(st.best, st.bestVal, history.getFirst().valLoss(), initialTrain, List.copyOf(history),
                evaluations[0], (System.nanoTime() - start) / 1e9, radius);
    }

    /** The best checkpoint so far. */
    private static final class State {
        Ld3Parameters best;
        double bestVal;
        double bestTrain;

        State(Ld3Parameters best, double bestVal, double bestTrain) {
            this.best = best;
            this.bestVal = bestVal;
            this.bestTrain = bestTrain;
        }
    }
}
