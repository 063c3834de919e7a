package org.gddim.job;

/** Progress of {@code gddim generate}, counted in samples: a bar on a terminal, plain lines in logs (the CLI's). */
public interface GenerateListener {
    /** This part will make {@code total} samples, {@code done} of them found finished (a resumed run). */
    void begin(long total, long done, String label);

    /** {@code count} more samples are finished. */
    void samples(int count);

    /** The batch of {@code rows} samples in progress has done solver step {@code step} of {@code steps}. */
    default void step(int rows, int step, int steps) {}

    /** A one-line note for the user (the run-time estimate, a shard found corrupt and regenerated). */
    void note(String line);

    void end();

    GenerateListener NONE = new GenerateListener() {
        @Override
        public void begin(long total, long done, String label) {}

        @Override
        public void samples(int count) {}

        @Override
        public void note(String line) {}

        @Override
        public void end() {}
    };
}
