package org.gddim.backend;

/** A captured run that the backend can replay as a whole (a CUDA graph on the cuda backend). */
public interface Replay extends AutoCloseable {
    /** Enqueues one replay (asynchronous). */
    void launch();

    @Override
    void close();
}
