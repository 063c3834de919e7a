package org.gddim.bench.ops;

import java.lang.foreign.MemorySegment;
import org.gddim.bench.raw.gdkbench_h;

/**
 * Single full-tensor float32 passes (libgdkbench's C loops, gdkbench.h) over n elements, counting kernels,
 * full-tensor reads and writes, so that a composition's traffic claim can be checked against what it ran. As in
 * the C header, an output must not overlap its inputs.
 */
final class CountingPasses {
    private final long n;
    private long kernels;
    private long reads;
    private long writes;

    CountingPasses(long n) {
        this.n = n;
    }

    SeparatePasses.Traffic counted() {
        return new SeparatePasses.Traffic((int) kernels, (int) reads, (int) writes);
    }

    private void count(int r) {
        kernels++;
        reads += r;
        writes++;
    }

    /** out = s x */
    void scale(MemorySegment out, MemorySegment x, float s) {
        gdkbench_h.gdkb_scale_f32(n, out, x, s);
        count(1);
    }

    /** out = x / d */
    void div(MemorySegment out, MemorySegment x, float d) {
        gdkbench_h.gdkb_div_f32(n, out, x, d);
        count(1);
    }

    /** out = x + y */
    void add(MemorySegment out, MemorySegment x, MemorySegment y) {
        gdkbench_h.gdkb_add_f32(n, out, x, y);
        count(2);
    }

    /** out = x - y */
    void sub(MemorySegment out, MemorySegment x, MemorySegment y) {
        gdkbench_h.gdkb_sub_f32(n, out, x, y);
        count(2);
    }
}
