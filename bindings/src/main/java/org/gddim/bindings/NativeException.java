package org.gddim.bindings;

/** A native function returned an error status; carries the C function, the code and the library's text. */
public final class NativeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int status;

    public NativeException(String function, int status, String description) {
        super(function + " failed with status " + status + ": " + description);
        this.function = function;
        this.status = status;
    }

    public String function() {
        return function;
    }

    public int status() {
        return status;
    }
}
