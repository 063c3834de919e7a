package org.gddim.api;

/**
 * How far a {@link Sampler#generate} call is, as told to its progress callback after every solver step and after each
 * batch has been handed to the sink.
 *
 * @param samplesDone samples handed to the sink so far in this call
 * @param samplesTotal samples this call generates
 * @param stepsDone solver steps done so far in this call, over all batches (a batch shorter than the sampler's runs as
 *     one batch per power of two in its size, each taking every grid step)
 * @param stepsTotal solver steps of the whole call
 * @param seconds wall-clock seconds since the call started
 */
public record Progress(long samplesDone, long samplesTotal, long stepsDone, long stepsTotal, double seconds) {
    /**
     * The fraction of the work done.
     *
     * @return {@code stepsDone / stepsTotal}, in [0, 1]
     */
    public double fraction() {
        return stepsTotal == 0 ? 1 : (double) stepsDone / stepsTotal;
    }

    /**
     * The throughput so far.
     *
     * @return samples handed to the sink per second of this call (0 before the first batch)
     */
    public double samplesPerSecond() {
        return seconds > 0 ? samplesDone / seconds : 0;
    }
}
