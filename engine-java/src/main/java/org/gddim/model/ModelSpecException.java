package org.gddim.model;

/** A model file or model specification is unusable; the message names the file and the exact problem. */
public final class ModelSpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelSpecException(String message) {
        super(message);
    }

    public ModelSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
