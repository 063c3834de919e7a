package org.gddim.job;

/** Run listeners that stand in for a kill in the middle of a run (the resume tests). */
final class Interruptions {
    private Interruptions() {}

    /** Throws IllegalStateException("interrupted") on the {@code limit}-th step. */
    static RunListener afterSteps(int limit) {
        return new RunListener() {
            int steps;

            @Override
            public void begin(long totalSteps, long doneSteps, String label) {}

            @Override
            public void step() {
                if (++steps == limit) {
                    throw new IllegalStateException("interrupted");
                }
            }

            @Override
            public void end() {}
        };
    }
}
