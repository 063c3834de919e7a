package org.gddim.bindings;

/** A CUDA runtime call (or a libgdk_cuda launch) failed; carries the function, the code and the runtime's text. */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final int code;

    public CudaException(String function, int code, String description) {
        super(function + " failed with CUDA error " + code + ": " + description);
        this.function = function;
        this.code = code;
    }

    public String function() {
        return function;
    }

    public int code() {
        return code;
    }
}
