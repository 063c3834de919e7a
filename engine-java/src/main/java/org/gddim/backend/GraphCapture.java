package org.gddim.backend;

/**
 * The optional capability of a backend to record one whole run (every model call and fused step it enqueues) and
 * replay it per batch (a CUDA graph on the cuda backend); offered through {@link Backend#graphCapture()}.
 */
public interface GraphCapture {
    /** Sets the first sample index that the noise of the next run (or replay) is keyed by. */
    void keyReplay(long firstSample);

    /** Captures what {@code work} enqueues into a replayable graph. */
    Replay capture(Runnable work);
}
