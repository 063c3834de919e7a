package org.gddim.job;

/** The job cannot run as specified (bad input, unusable output folder); the message says what and where. */
public final class JobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobException(String message) {
        super(message);
    }

    public JobException(String message, Throwable cause) {
        super(message, cause);
    }
}
