package org.gddim.executor;

import java.util.List;
import java.util.Map;

/**
 * One ONNX node that runs at evaluation time: op type, node name (for messages), input and output value names
 * ({@code ""} for an omitted optional input) and its attributes as Java values (Long, Double, String, long[],
 * double[] or {@link Tensor}).
 */
public record Step(String op, String name, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public String output() {
        return outputs.get(0);
    }

    public long i(String key, long dflt) {
        return attributes.get(key) instanceof Long v ? v : dflt;
    }

    public double f(String key, double dflt) {
        return attributes.get(key) instanceof Double v ? v : dflt;
    }

    public String s(String key, String dflt) {
        return attributes.get(key) instanceof String v ? v : dflt;
    }

    public long[] ints(String key) {
        return attributes.get(key) instanceof long[] v ? v : null;
    }

    /** "op 'name'" for messages. */
    public String where() {
        return op + " node '" + name + "'";
    }
}
