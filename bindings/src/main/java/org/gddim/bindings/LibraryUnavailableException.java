package org.gddim.bindings;

/** A native library could not be loaded; the message names the library and everything that was tried. */
public final class LibraryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String library;
    private final String reason;

    public LibraryUnavailableException(String library, String reason) {
        super(library + " is not available: " + reason);
        this.library = library;
        this.reason = reason;
    }

    public String library() {
        return library;
    }

    public String reason() {
        return reason;
    }
}
