/* ei_step_ref.c — reference of gdk_ei_step_f32 (gdk.h): u_out = a*u + sum_j c_j*eps_j + s*z, each element
 * computed in double and rounded to float once. Element by element, so in-place (u_out == u) is fine. */
#include <stddef.h>

#include "gdk_ref.h"

gdk_status gdk_ei_step_f32_ref(int64_t n, float *u_out, const float *u, double a, int32_t k,
                               const float *const *eps, const double *c, const float *z, double s)
{
    if (n < 0 || k < 0 || k > GDK_MAX_EPS) return GDK_ERR_INVALID_ARGUMENT;
    for (int64_t i = 0; i < n; ++i) {
        double x = a * (double)u[i];
        for (int32_t j = 0; j < k; ++j) x += c[j] * (double)eps[j][i];
        if (z != NULL) x += s * (double)z[i];
        u_out[i] = (float)x;
    }
    return GDK_OK;
}
