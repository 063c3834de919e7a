package org.gddim.ld3;

/** Observes an LD3 training (the CLI's progress bar): one call per optimiser iteration. */
public interface Ld3Listener {
    /** Training starts; {@code iterations} is an upper bound on the iterations to come. */
    void begin(int iterations);

    void iteration(Ld3Trainer.Iteration it);

    void end();

    Ld3Listener NONE = new Ld3Listener() {
        @Override
        public void begin(int iterations) {}

        @Override
        public void iteration(Ld3Trainer.Iteration it) {}

        @Override
        public void end() {}
    };
}
