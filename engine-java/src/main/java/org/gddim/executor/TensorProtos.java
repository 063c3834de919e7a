package org.gddim.executor;

import ai.onnx.proto.OnnxMl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes an ONNX TensorProto (typed fields or little-endian raw_data) into a {@link Tensor}. */
final class TensorProtos {
    private TensorProtos() {}

    static Tensor decode(OnnxMl.TensorProto t, String source) {
        String where = "model " + source + ", tensor '" + t.getName() + "'";
        if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL) {
            throw new OnnxProgramException(where + " keeps its data in an external file, which is not supported");
        }
        ElemType type = ElemType.of(t.getDataType(), where);
        long[] shape = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        int n = (int) Tensor.size(shape);
        double[] d = new double[n];
        if (!t.getRawData().isEmpty()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (raw.remaining() != (long) n * type.bytes()) {
                throw new OnnxProgramException(where + " has " + raw.remaining() + " bytes of data for " + n + " "
                        + type + " values (truncated file?)");
            }
            for (int i = 0; i < n; i++) {
                d[i] = switch (type) {
                    case FLOAT -> raw.getFloat();
                    case DOUBLE -> raw.getDouble();
                    case INT64 -> raw.getLong();
                    case INT32 -> raw.getInt();
                    case BOOL -> raw.get();
                };
            }
            return new Tensor(type, shape, d);
        }
        int count = switch (type) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            case INT32, BOOL -> t.getInt32DataCount();
        };
        if (count != n) {
            throw new OnnxProgramException(where + " has " + count + " values for shape " + Shapes.str(shape));
        }
        for (int i = 0; i < n; i++) {
            d[i] = switch (type) {
                case FLOAT -> t.getFloatData(i);
                case DOUBLE -> t.getDoubleData(i);
                case INT64 -> t.getInt64Data(i);
                case INT32, BOOL -> t.getInt32Data(i);
            };
        }
        return new Tensor(type, shape, d);
    }
}
