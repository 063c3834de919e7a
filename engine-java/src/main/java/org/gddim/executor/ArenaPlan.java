package org.gddim.executor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where every activation of a program lives in one device allocation, computed on the CPU before anything is
 * allocated. View ops (Reshape, Unsqueeze, Squeeze, Flatten, Identity, same-type Cast) alias their input, so a
 * buffer's live range runs from the step that defines it (-1 for graph inputs) to the last step that reads it or
 * any alias of it (graph outputs: to the end). Buffers are placed largest first at the lowest aligned offset that
 * overlaps no placed buffer with an intersecting live range (greedy best fit); a step's output never shares
 * memory with its inputs. {@link #bytes()} is the arena size, {@link #naiveBytes()} one buffer per value.
 */
public final class ArenaPlan {
    /** Byte alignment of every buffer (cuDNN and vectorised kernels like 256-byte aligned pointers). */
    public static final long ALIGN = 256;

    /** One buffer: the value that owns it, its size, offset and live range (step indices, inclusive). */
    public record Slot(String root, long bytes, long offset, int first, int last) {
        boolean liveWith(Slot o) {
            return first <= o.last && o.first <= last;
        }

        boolean overlaps(Slot o) {
            return offset < o.offset + o.bytes && o.offset < offset + bytes;
        }
    }

    private static final Set<String> VIEWS = Set.of("Reshape", "Unsqueeze", "Squeeze", "Flatten", "Identity");

    private final Map<String, String> root = new HashMap<>(); // value -> the value whose buffer it uses
    private final Map<String, Slot> slots = new HashMap<>();   // root -> slot
    private final long bytes;
    private final long naiveBytes;

    public ArenaPlan(OnnxProgram program) {
        Map<String, Integer> first = new HashMap<>();
        Map<String, Integer> last = new HashMap<>();
        for (ValueInfo in : program.inputs()) {
            root.put(in.name(), in.name());
            first.put(in.name(), -1);
            last.put(in.name(), -1);
        }
        List<Step> steps = program.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            for (String in : s.inputs()) {
                if (root.containsKey(in)) {
                    last.merge(root.get(in), i, Math::max);
                }
            }
            for (String out : s.outputs()) {
                if (isView(s, program) && root.containsKey(s.input(0))) {
                    root.put(out, root.get(s.input(0)));
                } else {
                    root.put(out, out);
                    first.put(out, i);
                    last.put(out, i);
                }
            }
        }
        for (ValueInfo out : program.outputs()) {
            last.put(root.get(out.name()), steps.size());
        }
        List<Slot> todo = new ArrayList<>();
        long naive = 0;
        for (String r : first.keySet()) {
            long b = align(program.values().get(r).bytes());
            naive += b;
            todo.add(new Slot(r, b, 0, first.get(r), last.get(r)));
        }
        todo.sort(Comparator.comparingLong(Slot::bytes).reversed().thenComparingInt(Slot::first).thenComparing(Slot::root));
        List<Slot> placed = new ArrayList<>();
        long top = 0;
        for (Slot s : todo) {
            List<Slot> live = placed.stream().filter(s::liveWith).sorted(Comparator.comparingLong(Slot::offset)).toList();
            long offset = 0;
            for (Slot o : live) { // first gap large enough below the live buffers, in offset order
                if (offset + s.bytes <= o.offset) {
                    break;
                }
                offset = Math.max(offset, o.offset + o.bytes);
            }
            Slot p = new Slot(s.root, s.bytes, offset, s.first, s.last);
            placed.add(p);
            slots.put(p.root, p);
            top = Math.max(top, offset + s.bytes);
        }
        this.bytes = top;
        this.naiveBytes = naive;
    }

    static boolean isView(Step s, OnnxProgram program) {
        if (VIEWS.contains(s.op())) {
            return true;
        }
        if (s.op().equals("Cast")) {
            ValueInfo in = program.values().get(s.input(0));
            return in != null && in.type() == program.values().get(s.output()).type();
        }
        return false;
    }

    private static long align(long b) {
        return (Math.max(b, 1) + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** Byte offset of {@code value}'s data in the arena. */
    public long offset(String value) {
        Slot s = slots.get(root.get(value));
        if (s == null) {
            throw new IllegalArgumentException("'" + value + "' is not an activation of this program");
        }
        return s.offset;
    }

    /** The value whose buffer {@code value} uses (itself unless it is a view). */
    public String rootOf(String value) {
        return root.get(value);
    }

    public List<Slot> slots() {
        return List.copyOf(slots.values());
    }

    public long bytes() {
        return bytes;
    }

    public long naiveBytes() {
        return naiveBytes;
    }
}
