package org.gddim.api;

import java.io.IOException;

/** Receives the finished batches of {@link Sampler#generate}, in index order, on the calling thread. */
@FunctionalInterface
public interface BatchSink {
    /**
     * Takes samples {@code [first, first + count)}.
     *
     * @param first index of the batch's first sample
     * @param count samples in the batch (the sampler's batch size, less for the last batch)
     * @param samples float32, row-major {@code (count, D...)}, {@code count * D} elements: a new array each call, the
     *     sink's to keep
     * @throws IOException to stop the generation: {@link Sampler#generate} throws it on, after the batches before
     */
    void accept(long first, int count, float[] samples) throws IOException;
}
