/*
 * block2_step_math.h — the per-element arithmetic of the fused 2x2-block step (CLD; gdk.h
 * gdk_block2_step_f32; gddim-spec.md Eq. 5.1 with 2x2 coefficients on each (x, v) pair), shared by
 * src/cpu/block2_step.c and src/cuda/block2_step.cu so both round identically:
 *     x' = a0 x;  x' = fmaf(a1, v, x');  then per eps j: x' = fmaf(c_j0, ex_j, x'); x' = fmaf(c_j1, ev_j, x');
 *     then (noisy) x' = fmaf(s0, zx, x'); x' = fmaf(s1, zv, x');      and the same for v' with rows 2, 3.
 * Built with -ffp-contract=off / --fmad=false, so only these fmaf fuse.
 */
#ifndef GDK_BLOCK2_STEP_MATH_H
#define GDK_BLOCK2_STEP_MATH_H

#include "gdk_common.h"

/* Coefficients of one call, rounded once from the caller's doubles; each 2x2 row-major [xx, xv, vx, vv]. */
typedef struct gdk_b2_coef {
    float a[4];              /* state matrix Psi */
    float c[GDK_MAX_EPS][4]; /* eps matrices C_j, j < k */
    float s[4];              /* noise matrix */
} gdk_b2_coef;

/* One row r (0: x', 1: v') of the update at one element; ex/ev = eps_j planes, zx/zv = noise. */
GDK_HD float gdk_b2_row(const gdk_b2_coef *cf, int r, float x, float v, const float *ex, const float *ev, int k,
                        float zx, float zv, int noisy)
{
    const int o = 2 * r;
    float y = cf->a[o] * x;
    y = fmaf(cf->a[o + 1], v, y);
    for (int j = 0; j < k; ++j) {
        y = fmaf(cf->c[j][o], ex[j], y);
        y = fmaf(cf->c[j][o + 1], ev[j], y);
    }
    if (noisy) {
        y = fmaf(cf->s[o], zx, y);
        y = fmaf(cf->s[o + 1], zv, y);
    }
    return y;
}

#endif /* GDK_BLOCK2_STEP_MATH_H */
