/*
 * gdkbench.h — bench-only C ABI of libgdkbench.so (never shipped; built by bench/Makefile, bundled in
 * bench/target/benchmarks.jar). It holds the two baselines the fused step (kernels-cu gdk_ei_step_f32) is
 * measured against:
 *
 *   1. gdkb_triad_f32: a STREAM-triad-like pass with exactly the memory streams of the fused in-place step
 *      (read u and k eps, write u in place): 4 * (k + 2) bytes per element, no write-allocate. This is the
 *      memory-bandwidth ceiling the fused step is compared with.
 *   2. Single elementwise float32 ops, each one full out-of-place pass into a caller-owned output, the
 *      building blocks of the "separate passes" step that eager-mode peers (diffusers on PyTorch) run:
 *      org.gddim.bench.ops.SeparatePasses composes them and documents the sequence.
 *
 * Conventions: n >= 0 elements; dense float32 buffers; an op's output must not overlap its inputs (the
 * loops are restrict-qualified, like the kernels). Scalars are float, as PyTorch applies a Python or 0-d
 * float32 scalar to a float32 tensor. No checks, no status: the Java caller checks sizes. Same compiler
 * flags and the same target_clones ISA dispatch as libgdk, so every loop is as good as the kernel's.
 */
#ifndef GDKBENCH_H
#define GDKBENCH_H

#include <stdint.h>

#if defined(__GNUC__)
#define GDKB_API __attribute__((visibility("default")))
#else
#define GDKB_API
#endif

/* u[i] = u[i] + q * (e0[i] + ... + e_{k-1}[i]), in place, 1 <= k <= 4; unused e pointers may be NULL.
 * Equals gdk_ei_step_f32 with a = 1, c[j] = q up to float rounding. */
GDKB_API void gdkb_triad_f32(int64_t n, float *u, int32_t k, const float *e0, const float *e1, const float *e2,
                             const float *e3, float q);

/* out[i] = s * x[i] */
GDKB_API void gdkb_scale_f32(int64_t n, float *out, const float *x, float s);

/* out[i] = x[i] + y[i] */
GDKB_API void gdkb_add_f32(int64_t n, float *out, const float *x, const float *y);

/* out[i] = x[i] - y[i] */
GDKB_API void gdkb_sub_f32(int64_t n, float *out, const float *x, const float *y);

/* out[i] = x[i] / d (a true division, as torch.div / numpy do on the CPU) */
GDKB_API void gdkb_div_f32(int64_t n, float *out, const float *x, float d);

#endif /* GDKBENCH_H */
