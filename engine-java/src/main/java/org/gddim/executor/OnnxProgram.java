package org.gddim.executor;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model compiled for one batch size: the graph's float inputs and outputs with static shapes, the
 * constants (initializers, Constant nodes and every node computable from constants alone, folded here by the
 * {@link Interpreter}), and the remaining nodes as topologically ordered {@link Step}s whose output shapes are
 * inferred statically ({@link OpShapes}). Parsed with the generated protobuf classes {@code ai.onnx.proto.OnnxMl}
 * (tribuo-util-onnx). Unsupported ops, external weights and data-dependent shapes are refused with an
 * {@link OnnxProgramException} naming the node.
 *
 * @param values every non-constant value (graph inputs included) by name
 * @param folded how many nodes were folded into constants
 */
public record OnnxProgram(String source, List<ValueInfo> inputs, List<ValueInfo> outputs, List<Step> steps,
        Map<String, ValueInfo> values, Map<String, Tensor> constants, Map<String, String> metadata, int folded) {

    /** Reads {@code file} and compiles it with every symbolic input dimension at index 0 bound to {@code batch}. */
    public static OnnxProgram load(Path file, long batch) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OnnxProgramException("cannot read model " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString(), batch);
    }

    public static OnnxProgram parse(byte[] bytes, String source, long batch) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxProgramException("model " + source + " is not a readable ONNX file (truncated or not an ONNX "
                    + "protobuf): " + e.getMessage(), e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new OnnxProgramException("model " + source + " has no graph (empty, truncated or not an ONNX file)");
        }
        for (OnnxMl.OperatorSetIdProto opset : model.getOpsetImportList()) {
            if (!opset.getDomain().isEmpty() && !opset.getDomain().equals("ai.onnx")) {
                throw new OnnxProgramException("model " + source + " imports operator domain '" + opset.getDomain()
                        + "'; only the default ONNX domain is supported");
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        model.getMetadataPropsList().forEach(p -> meta.put(p.getKey(), p.getValue()));
        return compile(model.getGraph(), source, batch, meta);
    }

    private static OnnxProgram compile(OnnxMl.GraphProto g, String source, long batch, Map<String, String> meta) {
        Map<String, Tensor> constants = new HashMap<>();
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            constants.put(t.getName(), TensorProtos.decode(t, source));
        }
        Map<String, ValueInfo> values = new LinkedHashMap<>();
        List<ValueInfo> inputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto v : g.getInputList()) {
            if (constants.containsKey(v.getName())) {
                continue; // an initializer listed as an input (IR < 4 style) stays a constant
            }
            ValueInfo info = inputInfo(v, source, batch);
            inputs.add(info);
            values.put(info.name(), info);
        }
        List<OnnxMl.NodeProto> nodes = topological(g, source, constants.keySet(), values.keySet());
        List<Step> steps = new ArrayList<>();
        int folded = 0;
        for (OnnxMl.NodeProto node : nodes) {
            Step step = toStep(node, source);
            if (step.op().equals("Constant")) {
                constants.put(step.output(), constantNode(step));
                folded++;
                continue;
            }
            List<ValueInfo> ins = new ArrayList<>();
            List<Tensor> consts = new ArrayList<>();
            boolean allConst = true;
            for (String name : step.inputs()) {
                Tensor c = name.isEmpty() ? null : constants.get(name);
                ValueInfo v = name.isEmpty() ? null : values.get(name);
                if (!name.isEmpty() && c == null && v == null) {
                    throw new OnnxProgramException("model " + source + ": " + step.where() + " reads '" + name
                            + "', which no node, input or initializer defines");
                }
                consts.add(c);
                ins.add(c != null ? new ValueInfo(name, c.type(), c.shape()) : v);
                allConst &= name.isEmpty() || c != null;
            }
            if (step.op().equals("Shape") || step.op().equals("Size")) { // static shapes make both constants
                long[] sh = ins.get(0).shape();
                constants.put(step.output(), step.op().equals("Size")
                        ? new Tensor(ElemType.INT64, new long[0], new double[] {Tensor.size(sh)}) : Interpreter.shape(step, sh));
                folded++;
                continue;
            }
            try {
                if (allConst) {
                    List<Tensor> outs = Interpreter.eval(step, consts);
                    for (int i = 0; i < step.outputs().size(); i++) {
                        constants.put(step.outputs().get(i), outs.get(i));
                    }
                    folded++;
                } else {
                    for (ValueInfo out : OpShapes.infer(step, ins, consts)) {
                        values.put(out.name(), out);
                    }
                    steps.add(step);
                }
            } catch (OnnxProgramException e) {
                throw new OnnxProgramException("model " + source + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new OnnxProgramException("model " + source + ": " + step.where() + " with inputs " + ins + ": " + e, e);
            }
        }
        List<ValueInfo> outputs = new ArrayList<>();
        for (OnnxMl.ValueInfoProto v : g.getOutputList()) {
            ValueInfo info = values.get(v.getName());
            if (info == null) {
                throw new OnnxProgramException("model " + source + ": output '" + v.getName()
                        + "' is not computed from the inputs (constant outputs are not supported)");
            }
            outputs.add(info);
        }
        return new OnnxProgram(source, List.copyOf(inputs), List.copyOf(outputs), List.copyOf(steps),
                Collections.unmodifiableMap(values), Collections.unmodifiableMap(constants), Map.copyOf(meta), folded);
    }

    private static ValueInfo inputInfo(OnnxMl.ValueInfoProto v, String source, long batch) {
        var tt = v.getType().getTensorType();
        ElemType type = ElemType.of(tt.getElemType(), "model " + source + ", input '" + v.getName() + "'");
        List<OnnxMl.TensorShapeProto.Dimension> dims = tt.getShape().getDimList();
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            var d = dims.get(i);
            if (d.hasDimValue() && d.getDimValue() > 0) {
                shape[i] = d.getDimValue();
            } else if (i == 0) {
                shape[i] = batch;
            } else {
                throw new OnnxProgramException("model " + source + ": input '" + v.getName() + "' has a symbolic dimension "
                        + i + " ('" + d.getDimParam() + "'); only the batch dimension (index 0) may be symbolic");
            }
        }
        return new ValueInfo(v.getName(), type, shape);
    }

    /** The nodes in an order where every input is defined before use (ONNX requires it; re-sorted to be safe). */
    private static List<OnnxMl.NodeProto> topological(OnnxMl.GraphProto g, String source, java.util.Set<String> constants,
            java.util.Set<String> inputs) {
        java.util.Set<String> known = new java.util.HashSet<>(constants);
        known.addAll(inputs);
        known.add("");
        List<OnnxMl.NodeProto> pending = new ArrayList<>(g.getNodeList());
        List<OnnxMl.NodeProto> order = new ArrayList<>();
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (var it = pending.iterator(); it.hasNext();) {
                OnnxMl.NodeProto n = it.next();
                if (known.containsAll(n.getInputList())) {
                    order.add(n);
                    known.addAll(n.getOutputList());
                    it.remove();
                }
            }
            if (pending.size() == before) {
                OnnxMl.NodeProto n = pending.get(0);
                List<String> missing = n.getInputList().stream().filter(i -> !known.contains(i)).toList();
                throw new OnnxProgramException("model " + source + ": node '" + n.getName() + "' (" + n.getOpType()
                        + ") reads " + missing + ", which nothing defines (a cycle, or a truncated graph)");
            }
        }
        return order;
    }

    private static Step toStep(OnnxMl.NodeProto n, String source) {
        String op = n.getOpType();
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            throw new OnnxProgramException("model " + source + ": node '" + n.getName() + "' is op " + op + " of domain '"
                    + n.getDomain() + "'; only the default ONNX domain is supported");
        }
        if (!OpShapes.SUPPORTED.contains(op)) {
            throw new OnnxProgramException("model " + source + ": node '" + n.getName() + "' is op " + op
                    + ", which the engine's executor does not support; supported ops: " + OpShapes.SUPPORTED);
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (OnnxMl.AttributeProto a : n.getAttributeList()) {
            Object v = switch (a.getType()) {
                case INT -> a.getI();
                case FLOAT -> (double) a.getF();
                case STRING -> a.getS().toStringUtf8();
                case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
                case FLOATS -> a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray();
                case TENSOR -> TensorProtos.decode(a.getT(), source);
                default -> throw new OnnxProgramException("model " + source + ": node '" + n.getName() + "' (" + op
                        + ") has attribute '" + a.getName() + "' of unsupported type " + a.getType());
            };
            attrs.put(a.getName(), v);
        }
        return new Step(op, n.getName().isEmpty() ? op + "@" + n.getOutput(0) : n.getName(), List.copyOf(n.getInputList()),
                List.copyOf(n.getOutputList()), Collections.unmodifiableMap(attrs));
    }

    private static Tensor constantNode(Step s) {
        Object v = s.attributes().containsKey("value") ? s.attributes().get("value")
                : s.attributes().values().stream().findFirst().orElse(null);
        return switch (v) {
            case Tensor t -> t;
            case Double d -> Tensor.floats(new long[0], new double[] {d});
            case Long l -> new Tensor(ElemType.INT64, new long[0], new double[] {l});
            case double[] f -> Tensor.floats(new long[] {f.length}, f);
            case long[] l -> Tensor.longs(l);
            case null, default -> throw new OnnxProgramException(s.where() + ": unsupported Constant form " + s.attributes().keySet());
        };
    }

    /** Total float32 activation elements (every step output), for reports. */
    public long activationElements() {
        long n = 0;
        for (Step s : steps) {
            for (String o : s.outputs()) {
                n += values.get(o).size();
            }
        }
        return n;
    }
}
