package org.gddim.executor;

/** The ONNX element types the executor understands, with their TensorProto.DataType numbers. */
public enum ElemType {
    FLOAT(1, 4),
    INT32(6, 4),
    INT64(7, 8),
    BOOL(9, 1),
    DOUBLE(11, 8);

    private final int onnx;
    private final int bytes;

    ElemType(int onnx, int bytes) {
        this.onnx = onnx;
        this.bytes = bytes;
    }

    public int onnx() {
        return onnx;
    }

    public int bytes() {
        return bytes;
    }

    /** The type of ONNX data type {@code code}; throws {@link OnnxProgramException} naming the unsupported type. */
    public static ElemType of(int code, String where) {
        for (ElemType t : values()) {
            if (t.onnx == code) {
                return t;
            }
        }
        throw new OnnxProgramException(where + ": ONNX element type " + code
                + " is not supported (supported: float, double, int32, int64, bool)");
    }

    /** {@code v} rounded to what this type can hold (float32 rounding, integer truncation). */
    public double round(double v) {
        return switch (this) {
            case FLOAT -> (float) v;
            case INT32 -> (int) v;
            case INT64 -> (long) v;
            case BOOL -> v != 0 ? 1 : 0;
            case DOUBLE -> v;
        };
    }
}
