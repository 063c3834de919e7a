package org.gddim.job;

/** Whether a run replays one captured CUDA graph per batch: auto (on for the cuda backend), on, off. */
public enum GraphMode {
    AUTO,
    ON,
    OFF;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
