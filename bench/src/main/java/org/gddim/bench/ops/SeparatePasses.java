package org.gddim.bench.ops;

import java.lang.foreign.MemorySegment;
import org.gddim.backend.Backend;
import org.gddim.bench.raw.gdkbench_h;

/**
 * The peers' step: the same update as the fused step, run as separate full-tensor passes the way eager-mode
 * schedulers run it (diffusers on PyTorch: every {@code a * x} or {@code x - y} is its own kernel writing its
 * own temporary). Each pass is one libgdkbench C loop (gdkbench.h), built like libgdk's kernel, so the
 * comparison measures memory traffic, not a weaker loop.
 *
 * <h2>The op sequences (diffusers HEAD, epsilon prediction, float32; eps[0] is the newest model output)</h2>
 *
 * <p><b>k = 1, {@code DDIMScheduler.step}</b> (eta = 0, no clipping), 6 kernels:
 * <pre>
 *   pred_original_sample = (sample - beta_prod_t ** 0.5 * model_output) / alpha_prod_t ** 0.5
 *   pred_sample_direction = (1 - alpha_prod_t_prev - std_dev_t ** 2) ** 0.5 * pred_epsilon
 *   prev_sample = alpha_prod_t_prev ** 0.5 * pred_original_sample + pred_sample_direction
 *
 *   T0 = sb * e0      scale   1R 1W     sb  = sqrt(1 - alpha_t)
 *   T1 = u - T0       sub     2R 1W
 *   T0 = T1 / sa      div     1R 1W     sa  = sqrt(alpha_t)          (T0 = pred_x0)
 *   T1 = cd * e0      scale   1R 1W     cd  = sqrt(1 - alpha_prev)   (T1 = direction)
 *   T2 = sap * T0     scale   1R 1W     sap = sqrt(alpha_prev)
 *   u  = T2 + T1      add     2R 1W
 *   total 8 reads + 6 writes = 14 passes
 * </pre>
 *
 * <p><b>k = 2..4, {@code PNDMScheduler.step_plms}</b>: the linear-multistep combination exactly as written
 * there (Python evaluates left to right; a coefficient of 1 costs no kernel), then {@code _get_prev_sample}:
 * <pre>
 *   k = 2: model_output = (3 * ets[-1] - ets[-2]) / 2
 *          T0 = 3*e0; T1 = T0 - e1; T0 = T1 / 2                                   3 kernels, 4R 3W
 *   k = 3: model_output = (23 * ets[-1] - 16 * ets[-2] + 5 * ets[-3]) / 12
 *          T0 = 23*e0; T1 = 16*e1; T2 = T0 - T1; T0 = 5*e2; T1 = T2 + T0; T0 = T1 / 12   6 kernels, 8R 6W
 *   k = 4: model_output = (1 / 24) * (55 * ets[-1] - 59 * ets[-2] + 37 * ets[-3] - 9 * ets[-4])
 *          T0 = 55*e0; T1 = 59*e1; T2 = T0 - T1; T0 = 37*e2; T1 = T2 + T0; T0 = 9*e3;
 *          T2 = T1 - T0; T0 = (1/24) * T2                                        8 kernels, 11R 8W
 *   _get_prev_sample:
 *     prev_sample = sample_coeff * sample - (alpha_prod_t_prev - alpha_prod_t) * model_output / denom
 *          T1 = sc * u; T2 = d * T0; T3 = T2 / denom; u = T1 - T3               4 kernels, 5R 4W
 *     sc = sqrt(alpha_prev / alpha_t), d = alpha_prev - alpha_t,
 *     denom = alpha_t * sqrt(1 - alpha_prev) + sqrt(alpha_t * (1 - alpha_t) * alpha_prev)
 *   totals: k = 2: 7 kernels, 9R 7W = 16 passes; k = 3: 10 kernels, 13R 10W = 23; k = 4: 12 kernels, 16R 12W = 28
 * </pre>
 *
 * <p><b>Temporaries.</b> Allocated once here (PyTorch's caching allocator hands back freed blocks, so
 * allocation is not counted) and reused the way Python reference counting frees intermediates: an op writes
 * the lowest-numbered temporary that is not live (its inputs are live while it runs). The last op writes the
 * new state into {@code u}: the benchmark runs in place, like the fused step; u was last touched by an earlier
 * pass, so this costs the same traffic as writing a fresh tensor.
 *
 * <p><b>Traffic.</b> "Useful" bytes count each read and each write once: 4 (R + W) per element. A store to a
 * line that is not in cache first reads it (write-allocate / read-for-ownership) and later writes it back, so
 * every out-of-place pass really moves 4 (R + 2W) bytes per element once the arrays exceed the caches. The
 * fused step and the triad write u in place, to lines they have just read: 4 (k + 2) bytes, nothing extra.
 */
public final class SeparatePasses {
    /** Cumulative alpha of the current and the previous (target) time of the benchmark step. */
    public static final double ALPHA_T = 0.5;
    /**
     * Chosen below {@link #ALPHA_T} so that the state coefficient is below 1 and thousands of repeated in-place
     * steps stay bounded (values never reach subnormals or infinity, which would change the timing).
     */
    public static final double ALPHA_PREV = 0.45;

    /** Kernels, full-tensor reads and full-tensor writes per step. */
    public record Traffic(int kernels, int reads, int writes) {
        /** Bytes per element counting each read and write once. */
        public int usefulBytes() {
            return 4 * (reads + writes);
        }

        /** Bytes per element including the write-allocate read of every out-of-place write. */
        public int bytesWithWriteAllocate() {
            return 4 * (reads + 2 * writes);
        }
    }

    /** Traffic of the separate-passes step for k (see the class comment; checked against the ops run by the test). */
    public static Traffic traffic(int k) {
        return switch (k) {
            case 1 -> new Traffic(6, 8, 6);
            case 2 -> new Traffic(7, 9, 7);
            case 3 -> new Traffic(10, 13, 10);
            case 4 -> new Traffic(12, 16, 12);
            default -> throw new IllegalArgumentException("k = " + k);
        };
    }

    /** Bytes per element of the fused in-place step and of the triad pass: k + 1 reads, 1 write. */
    public static int fusedBytes(int k) {
        return 4 * (k + 2);
    }

    /** The diffusers op sequence of k, one line of Markdown (for the report). */
    public static String sequence(int k) {
        return switch (k) {
            case 1 -> "DDIM `step`: scale, sub, div, scale, scale, add";
            case 2 -> "PLMS-2 `step_plms`: scale, sub, div; `_get_prev_sample`: scale, scale, div, sub";
            case 3 -> "PLMS-3 `step_plms`: scale, scale, sub, scale, add, div; `_get_prev_sample`: scale, scale, div, sub";
            case 4 -> "PLMS-4 `step_plms`: scale, scale, sub, scale, add, scale, sub, scale; "
                    + "`_get_prev_sample`: scale, scale, div, sub";
            default -> throw new IllegalArgumentException("k = " + k);
        };
    }

    // float32 scalars, as diffusers computes them from its float32 alphas_cumprod table
    private static final float SB = (float) Math.sqrt(1 - (float) ALPHA_T);
    private static final float SA = (float) Math.sqrt((float) ALPHA_T);
    private static final float CD = (float) Math.sqrt(1 - (float) ALPHA_PREV);
    private static final float SAP = (float) Math.sqrt((float) ALPHA_PREV);
    private static final float SC = (float) Math.sqrt((float) ALPHA_PREV / (float) ALPHA_T);
    private static final float D = (float) ALPHA_PREV - (float) ALPHA_T;
    private static final float DENOM = (float) (ALPHA_T * Math.sqrt(1 - ALPHA_PREV)
            + Math.sqrt(ALPHA_T * (1 - ALPHA_T) * ALPHA_PREV));

    /** Linear-multistep weights of diffusers' step_plms for k = 2..4 (eps[0] newest) and their divisor. */
    private static final double[][] PLMS_W = {null, null, {3, -1}, {23, -16, 5}, {55, -59, 37, -9}};
    private static final double[] PLMS_DIV = {0, 0, 2, 12, 24};

    /** State coefficient of the fused step that computes the same update. */
    public static double fusedA(int k) {
        return k == 1 ? (double) SAP / SA : SC;
    }

    /** Eps coefficients of the fused step that computes the same update (c[j] pairs with eps[j]). */
    public static double[] fusedC(int k) {
        if (k == 1) {
            return new double[] {CD - (double) SAP * SB / SA};
        }
        double[] c = new double[k];
        for (int j = 0; j < k; j++) {
            c[j] = -((double) D / DENOM) * PLMS_W[k][j] / PLMS_DIV[k];
        }
        return c;
    }

    private final int k;
    private final long n;
    private final MemorySegment t0;
    private final MemorySegment t1;
    private final MemorySegment t2;
    private final MemorySegment t3;
    private long kernels;
    private long reads;
    private long writes;

    /** Preallocates the temporaries (4 buffers of n floats; 3 are used for k = 1) from {@code backend}. */
    public SeparatePasses(Backend backend, int k, long n) {
        BenchData.check(k, n);
        this.k = k;
        this.n = n;
        this.t0 = BenchData.segment(backend.allocate(n));
        this.t1 = BenchData.segment(backend.allocate(n));
        this.t2 = BenchData.segment(backend.allocate(n));
        this.t3 = k == 1 ? null : BenchData.segment(backend.allocate(n));
    }

    /** One step in place: u = the diffusers update of u with eps[0..k-1] (eps[0] newest). */
    public void step(MemorySegment u, MemorySegment[] eps) {
        requireFloats(u);
        for (int j = 0; j < k; j++) {
            requireFloats(eps[j]);
        }
        if (k == 1) {
            ddim(u, eps[0]);
            return;
        }
        switch (k) {
            case 2 -> {
                scale(t0, eps[0], 3f);
                sub(t1, t0, eps[1]);
                div(t0, t1, 2f);
            }
            case 3 -> {
                scale(t0, eps[0], 23f);
                scale(t1, eps[1], 16f);
                sub(t2, t0, t1);
                scale(t0, eps[2], 5f);
                add(t1, t2, t0);
                div(t0, t1, 12f);
            }
            default -> {
                scale(t0, eps[0], 55f);
                scale(t1, eps[1], 59f);
                sub(t2, t0, t1);
                scale(t0, eps[2], 37f);
                add(t1, t2, t0);
                scale(t0, eps[3], 9f);
                sub(t2, t1, t0);
                scale(t0, t2, (float) (1.0 / 24));
            }
        }
        // _get_prev_sample(sample = u, model_output = T0)
        scale(t1, u, SC);
        scale(t2, t0, D);
        div(t3, t2, DENOM);
        sub(u, t1, t3);
    }

    private void ddim(MemorySegment u, MemorySegment e0) {
        scale(t0, e0, SB);
        sub(t1, u, t0);
        div(t0, t1, SA);
        scale(t1, e0, CD);
        scale(t2, t0, SAP);
        add(u, t2, t1);
    }

    /** Kernels, reads and writes run since construction (the test checks them against {@link #traffic}). */
    public Traffic counted() {
        return new Traffic((int) kernels, (int) reads, (int) writes);
    }

    private void requireFloats(MemorySegment segment) {
        if (!segment.isNative() || segment.byteSize() < 4 * n) {
            throw new IllegalArgumentException("need a native segment of " + n + " floats, got " + segment);
        }
    }

    private void count(int r) {
        kernels++;
        reads += r;
        writes++;
    }

    private void scale(MemorySegment out, MemorySegment x, float s) {
        gdkbench_h.gdkb_scale_f32(n, out, x, s);
        count(1);
    }

    private void div(MemorySegment out, MemorySegment x, float d) {
        gdkbench_h.gdkb_div_f32(n, out, x, d);
        count(1);
    }

    private void add(MemorySegment out, MemorySegment x, MemorySegment y) {
        gdkbench_h.gdkb_add_f32(n, out, x, y);
        count(2);
    }

    private void sub(MemorySegment out, MemorySegment x, MemorySegment y) {
        gdkbench_h.gdkb_sub_f32(n, out, x, y);
        count(2);
    }
}
