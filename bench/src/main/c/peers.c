/*
 * peers.c — libgdkbench: the baselines of the fused-step benchmark (declared in gdkbench.h).
 *
 * Built exactly like libgdk (kernels-cu/Makefile): -std=c11 -O3 -ffp-contract=off -fno-math-errno and the
 * same GCC target_clones dispatch (AVX-512 / AVX2+FMA / baseline clone picked at load time), with k a
 * compile-time constant and restrict-qualified pointers, so gcc vectorises every loop fully (check with
 * `make -C bench vecinfo`). The ratios the benchmark reports therefore measure memory traffic, not a
 * weaker loop on either side.
 */
#include "gdkbench.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define GDKB_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define GDKB_CLONES
#endif

/* ---- triad-like pass: read u and k eps, write u in place ------------------------------------------ */

GDKB_CLONES static void triad_k1(int64_t n, float *restrict u, const float *restrict e0, float q)
{
    for (int64_t i = 0; i < n; ++i) u[i] = u[i] + q * e0[i];
}

GDKB_CLONES static void triad_k2(int64_t n, float *restrict u, const float *restrict e0, const float *restrict e1,
                                 float q)
{
    for (int64_t i = 0; i < n; ++i) u[i] = u[i] + q * (e0[i] + e1[i]);
}

GDKB_CLONES static void triad_k3(int64_t n, float *restrict u, const float *restrict e0, const float *restrict e1,
                                 const float *restrict e2, float q)
{
    for (int64_t i = 0; i < n; ++i) u[i] = u[i] + q * (e0[i] + e1[i] + e2[i]);
}

GDKB_CLONES static void triad_k4(int64_t n, float *restrict u, const float *restrict e0, const float *restrict e1,
                                 const float *restrict e2, const float *restrict e3, float q)
{
    for (int64_t i = 0; i < n; ++i) u[i] = u[i] + q * (e0[i] + e1[i] + e2[i] + e3[i]);
}

void gdkb_triad_f32(int64_t n, float *u, int32_t k, const float *e0, const float *e1, const float *e2,
                    const float *e3, float q)
{
    switch (k) {
    case 1: triad_k1(n, u, e0, q); break;
    case 2: triad_k2(n, u, e0, e1, q); break;
    case 3: triad_k3(n, u, e0, e1, e2, q); break;
    case 4: triad_k4(n, u, e0, e1, e2, e3, q); break;
    default: break;
    }
}

/* ---- single elementwise ops: one full out-of-place pass each --------------------------------------- */

GDKB_CLONES static void scale_loop(int64_t n, float *restrict out, const float *restrict x, float s)
{
    for (int64_t i = 0; i < n; ++i) out[i] = s * x[i];
}

GDKB_CLONES static void add_loop(int64_t n, float *restrict out, const float *restrict x, const float *restrict y)
{
    for (int64_t i = 0; i < n; ++i) out[i] = x[i] + y[i];
}

GDKB_CLONES static void sub_loop(int64_t n, float *restrict out, const float *restrict x, const float *restrict y)
{
    for (int64_t i = 0; i < n; ++i) out[i] = x[i] - y[i];
}

GDKB_CLONES static void div_loop(int64_t n, float *restrict out, const float *restrict x, float d)
{
    for (int64_t i = 0; i < n; ++i) out[i] = x[i] / d;
}

void gdkb_scale_f32(int64_t n, float *out, const float *x, float s) { scale_loop(n, out, x, s); }
void gdkb_add_f32(int64_t n, float *out, const float *x, const float *y) { add_loop(n, out, x, y); }
void gdkb_sub_f32(int64_t n, float *out, const float *x, const float *y) { sub_loop(n, out, x, y); }
void gdkb_div_f32(int64_t n, float *out, const float *x, float d) { div_loop(n, out, x, d); }
