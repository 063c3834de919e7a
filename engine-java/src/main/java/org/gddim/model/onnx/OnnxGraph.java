package org.gddim.model.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.List;
import java.util.Map;

/**
 * A small builder of ONNX graphs (opset 17, IR version 8) on the generated protobuf classes of
 * org.tribuo:tribuo-util-onnx: constants, nodes with auto-named outputs, float inputs and outputs with a
 * symbolic batch dimension, and the model with its metadata_props. Only what the engine's exports need.
 */
final class OnnxGraph {
    static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();
    static final int DOUBLE = OnnxMl.TensorProto.DataType.DOUBLE.getNumber();

    private final OnnxMl.GraphProto.Builder graph;
    private int counter;

    OnnxGraph(String name) {
        graph = OnnxMl.GraphProto.newBuilder().setName(name);
    }

    /** A double constant of shape {@code dims}, row-major. */
    String constant(double[] values, long... dims) {
        String name = "c" + counter++;
        var t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(DOUBLE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (double v : values) {
            t.addDoubleData(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** An int64 constant (axes, shapes). */
    String ints(long... values) {
        String name = "c" + counter++;
        var t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber())
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        graph.addInitializer(t);
        return name;
    }

    /** A node {@code op(inputs)} with int attributes; returns the name of its one output. */
    String op(String op, List<String> inputs, Map<String, Long> attributes) {
        String out = op.toLowerCase(java.util.Locale.ROOT) + counter++;
        var node = OnnxMl.NodeProto.newBuilder().setOpType(op).addAllInput(inputs).addOutput(out).setName("n" + counter);
        attributes.forEach((k, v) -> node.addAttribute(OnnxMl.AttributeProto.newBuilder().setName(k).setI(v)
                .setType(OnnxMl.AttributeProto.AttributeType.INT)));
        graph.addNode(node);
        return out;
    }

    String op(String op, String... inputs) {
        return op(op, List.of(inputs), Map.of());
    }

    /** A node writing to a given name (for the graph's outputs). */
    void opNamed(String out, String op, List<String> inputs, Map<String, Long> attributes) {
        var node = OnnxMl.NodeProto.newBuilder().setOpType(op).addAllInput(inputs).addOutput(out).setName("n" + counter++);
        attributes.forEach((k, v) -> node.addAttribute(OnnxMl.AttributeProto.newBuilder().setName(k).setI(v)
                .setType(OnnxMl.AttributeProto.AttributeType.INT)));
        graph.addNode(node);
    }

    void input(String name, long... dims) {
        graph.addInput(value(name, dims));
    }

    void output(String name, long... dims) {
        graph.addOutput(value(name, dims));
    }

    /** float32 tensor type; a dimension of -1 becomes the symbolic "batch". */
    private static OnnxMl.ValueInfoProto value(String name, long... dims) {
        var shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        var tensor = OnnxMl.TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape);
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(tensor))
                .build();
    }

    /** The serialized model with {@code metadata} as metadata_props. */
    byte[] model(String producer, Map<String, String> metadata) {
        var model = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName(producer).setGraph(graph)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17));
        metadata.forEach((k, v) -> model.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build().toByteArray();
    }
}
