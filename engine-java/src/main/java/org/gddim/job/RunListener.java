package org.gddim.job;

/** Progress of a job, for a progress bar: total and already-done grid steps, then one call per step. */
public interface RunListener {
    /** The job will take {@code totalSteps} steps, of which {@code doneSteps} were done by an earlier, resumed run. */
    void begin(long totalSteps, long doneSteps, String label);

    void step();

    void end();

    RunListener NONE = new RunListener() {
        @Override
        public void begin(long totalSteps, long doneSteps, String label) {}

        @Override
        public void step() {}

        @Override
        public void end() {}
    };
}
