package org.gddim.backend;

/** A backend cannot be opened on this machine; the message says which and why. */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(BackendKind kind, String reason) {
        super("backend '" + kind + "' is unavailable: " + reason);
    }
}
