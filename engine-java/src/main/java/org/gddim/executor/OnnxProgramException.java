package org.gddim.executor;

/** An ONNX model the executor cannot read or run; the message names the file, node and what is supported. */
public final class OnnxProgramException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OnnxProgramException(String message) {
        super(message);
    }

    public OnnxProgramException(String message, Throwable cause) {
        super(message, cause);
    }
}
