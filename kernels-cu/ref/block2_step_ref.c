/* block2_step_ref.c — reference of gdk_block2_step_f32 (gdk.h): for each sample b and element i of a plane,
 * (x', v') = A (x, v) + sum_j C_j (ex_j, ev_j) + S (zx, zv), each output computed in double from the double
 * coefficients and rounded to float once. Pair by pair, so in-place (u_out == u) is fine. */
#include <stddef.h>

#include "gdk_ref.h"

gdk_status gdk_block2_step_f32_ref(int64_t batch, int64_t plane, float *u_out, const float *u, const double *a,
                                   int32_t k, const float *const *eps, const double *c, const float *z,
                                   const double *s)
{
    if (batch < 0 || plane < 0 || k < 0 || k > GDK_MAX_EPS) return GDK_ERR_INVALID_ARGUMENT;
    for (int64_t b = 0; b < batch; ++b) {
        for (int64_t i = 0; i < plane; ++i) {
            const int64_t ix = b * 2 * plane + i, iv = ix + plane;
            const double x = u[ix], v = u[iv];
            double nx = a[0] * x + a[1] * v, nv = a[2] * x + a[3] * v;
            for (int32_t j = 0; j < k; ++j) {
                nx += c[4 * j] * (double)eps[j][ix] + c[4 * j + 1] * (double)eps[j][iv];
                nv += c[4 * j + 2] * (double)eps[j][ix] + c[4 * j + 3] * (double)eps[j][iv];
            }
            if (z != NULL) {
                nx += s[0] * (double)z[ix] + s[1] * (double)z[iv];
                nv += s[2] * (double)z[ix] + s[3] * (double)z[iv];
            }
            u_out[ix] = (float)nx;
            u_out[iv] = (float)nv;
        }
    }
    return GDK_OK;
}
