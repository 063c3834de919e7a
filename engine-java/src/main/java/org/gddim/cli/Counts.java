package org.gddim.cli;

import org.gddim.job.JobException;

/**
 * Range checks of the count options shared by the study commands ({@code --nfe}, {@code --samples}, {@code --n}):
 * each refusal names the flag and the value, before any work starts.
 */
final class Counts {
    private Counts() {}

    /** Every value of {@code flag} is at least 1. */
    static void positive(String flag, int... values) {
        for (int v : values) {
            if (v < 1) {
                throw new JobException(flag + " must be at least 1, got " + v);
            }
        }
    }
}
