package org.gddim.api;

/**
 * A sampling job cannot run as specified: a setting the engine refuses, a model file that is missing or malformed, a
 * backend that cannot load on this machine, or a kernel that failed. The message is one line naming the setting or
 * file and what is wrong, the same text the CLI prints (its flag names, e.g. "--nfe", name the builder's setters of
 * the same name); the engine's own exception is the cause.
 */
public final class GddimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A refusal.
     *
     * @param message one line: what is wrong and where
     * @param cause the engine's exception, or null
     */
    public GddimException(String message, Throwable cause) {
        super(message, cause);
    }
}
