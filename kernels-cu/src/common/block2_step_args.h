/*
 * block2_step_args.h — host-side argument checks and coefficient rounding for gdk_block2_step_f32 and its
 * CUDA twin, so both entry points accept and reject exactly the same calls (gdk.h documents the rules).
 */
#ifndef GDK_BLOCK2_STEP_ARGS_H
#define GDK_BLOCK2_STEP_ARGS_H

#include <math.h>

#include "block2_step_math.h"

/* Validates the arguments, stores the element count B * 2P in *n and fills *cf; GDK_OK or the error. */
static inline gdk_status gdk_b2_prepare(int64_t batch, int64_t plane, const float *u_out, const float *u,
                                        const double *a, int32_t k, const float *const *eps, const double *c,
                                        const float *z, const double *s, int64_t *n, gdk_b2_coef *cf)
{
    if (batch < 0 || plane < 0 || k < 0 || k > GDK_MAX_EPS) return GDK_ERR_INVALID_ARGUMENT;
    if (plane > 0 && batch > INT64_MAX / 2 / plane) return GDK_ERR_INVALID_ARGUMENT;
    if (u_out == NULL || u == NULL || a == NULL || (k > 0 && (eps == NULL || c == NULL))) return GDK_ERR_NULL_POINTER;
    if (z != NULL && s == NULL) return GDK_ERR_NULL_POINTER;
    const int64_t count = batch * 2 * plane;
    for (int r = 0; r < 4; ++r) {
        if (!isfinite(a[r]) || (z != NULL && !isfinite(s[r]))) return GDK_ERR_INVALID_ARGUMENT;
    }
    for (int32_t j = 0; j < k; ++j) {
        if (eps[j] == NULL) return GDK_ERR_NULL_POINTER;
        for (int r = 0; r < 4; ++r) {
            if (!isfinite(c[4 * j + r])) return GDK_ERR_INVALID_ARGUMENT;
        }
        if (gdk_ranges_overlap(u_out, eps[j], count)) return GDK_ERR_ALIASING;
    }
    if (u_out != u && gdk_ranges_overlap(u_out, u, count)) return GDK_ERR_ALIASING;
    if (z != NULL && gdk_ranges_overlap(u_out, z, count)) return GDK_ERR_ALIASING;
    *n = count;
    for (int r = 0; r < 4; ++r) {
        cf->a[r] = (float)a[r];
        cf->s[r] = z != NULL ? (float)s[r] : 0.0f;
        for (int j = 0; j < GDK_MAX_EPS; ++j) cf->c[j][r] = j < k ? (float)c[4 * j + r] : 0.0f;
    }
    return GDK_OK;
}

#endif /* GDK_BLOCK2_STEP_ARGS_H */
