/*
 * diag_step_args.h — host-side argument checks for gdk_diag_step_f32 and its CUDA twin (gdk.h and
 * gdk_cuda.h document the rules). The CUDA entry point takes its coefficient table in device memory, so it
 * runs only the pointer and size checks (gdk_diag_check_buffers); the CPU one also checks every coefficient.
 */
#ifndef GDK_DIAG_STEP_ARGS_H
#define GDK_DIAG_STEP_ARGS_H

#include <math.h>

#include "diag_step_math.h"

/* Sizes, pointers and aliasing of the buffers (not the coefficients); GDK_OK or the documented error. */
static inline gdk_status gdk_diag_check_buffers(int64_t n, int64_t m, const float *u_out, const float *u, int32_t k,
                                                const float *const *eps, const float *z)
{
    if (n < 0 || m < 1 || n % m != 0 || k < 0 || k > GDK_MAX_EPS) return GDK_ERR_INVALID_ARGUMENT;
    if (u_out == NULL || u == NULL || (k > 0 && eps == NULL)) return GDK_ERR_NULL_POINTER;
    for (int32_t j = 0; j < k; ++j) {
        if (eps[j] == NULL) return GDK_ERR_NULL_POINTER;
        if (gdk_ranges_overlap(u_out, eps[j], n)) return GDK_ERR_ALIASING;
    }
    if (u_out != u && gdk_ranges_overlap(u_out, u, n)) return GDK_ERR_ALIASING;
    if (z != NULL && gdk_ranges_overlap(u_out, z, n)) return GDK_ERR_ALIASING;
    return GDK_OK;
}

/* The CPU entry point's checks: buffers, then every host coefficient present and finite. */
static inline gdk_status gdk_diag_check(int64_t n, int64_t m, const float *u_out, const float *u, const double *a,
                                        int32_t k, const float *const *eps, const double *c, const float *z,
                                        const double *s)
{
    const gdk_status st = gdk_diag_check_buffers(n, m, u_out, u, k, eps, z);
    if (st != GDK_OK) return st;
    if (a == NULL || (k > 0 && c == NULL) || (z != NULL && s == NULL)) return GDK_ERR_NULL_POINTER;
    for (int64_t l = 0; l < m; ++l) {
        if (!isfinite(a[l]) || (z != NULL && !isfinite(s[l]))) return GDK_ERR_INVALID_ARGUMENT;
        for (int32_t j = 0; j < k; ++j)
            if (!isfinite(c[j * m + l])) return GDK_ERR_INVALID_ARGUMENT;
    }
    return GDK_OK;
}

#endif /* GDK_DIAG_STEP_ARGS_H */
