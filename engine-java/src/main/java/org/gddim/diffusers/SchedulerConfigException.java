package org.gddim.diffusers;

/** A scheduler config that cannot be read or has a key the engine refuses; the message is one line naming the file. */
public final class SchedulerConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SchedulerConfigException(String message) {
        super(message);
    }
}
