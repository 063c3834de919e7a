package org.gddim.solver;

/** Told after every accepted step (k-diffusion's callback); never logs or blocks inside the loop itself. */
@FunctionalInterface
public interface StepObserver {
    /** Step {@code step} of {@code steps} (1-based) has produced the state at time {@code t}. */
    void onStep(int step, int steps, double t);

    StepObserver NONE = (step, steps, t) -> {};
}
