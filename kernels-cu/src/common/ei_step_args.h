/*
 * ei_step_args.h — host-side argument checks and coefficient rounding for gdk_ei_step_f32 and its CUDA
 * twin, so both entry points accept and reject exactly the same calls (gdk.h documents the rules).
 */
#ifndef GDK_EI_STEP_ARGS_H
#define GDK_EI_STEP_ARGS_H

#include <math.h>

#include "ei_step_math.h"

/* Validates the arguments and fills *cf; returns GDK_OK or the documented error. */
static inline gdk_status gdk_ei_prepare(int64_t n, const float *u_out, const float *u, double a, int32_t k,
                                        const float *const *eps, const double *c, const float *z, double s,
                                        gdk_ei_coef *cf)
{
    if (n < 0 || k < 0 || k > GDK_MAX_EPS) return GDK_ERR_INVALID_ARGUMENT;
    if (u_out == NULL || u == NULL || (k > 0 && (eps == NULL || c == NULL))) return GDK_ERR_NULL_POINTER;
    if (!isfinite(a) || (z != NULL && !isfinite(s))) return GDK_ERR_INVALID_ARGUMENT;
    for (int32_t j = 0; j < k; ++j) {
        if (eps[j] == NULL) return GDK_ERR_NULL_POINTER;
        if (!isfinite(c[j])) return GDK_ERR_INVALID_ARGUMENT;
        if (gdk_ranges_overlap(u_out, eps[j], n)) return GDK_ERR_ALIASING;
    }
    if (u_out != u && gdk_ranges_overlap(u_out, u, n)) return GDK_ERR_ALIASING;
    if (z != NULL && gdk_ranges_overlap(u_out, z, n)) return GDK_ERR_ALIASING;
    cf->a = (float)a;
    for (int j = 0; j < GDK_MAX_EPS; ++j) cf->c[j] = j < k ? (float)c[j] : 0.0f;
    cf->s = z != NULL ? (float)s : 0.0f;
    return GDK_OK;
}

#endif /* GDK_EI_STEP_ARGS_H */
