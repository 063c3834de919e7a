/* diag_step_ref.c — reference of gdk_diag_step_f32 (gdk.h): u_out[i] = a[l] u[i] + sum_j c[j m + l] eps_j[i]
 * + s[l] z[i] with l = i mod m, each element computed in double and rounded to float once. */
#include <stddef.h>

#include "gdk_ref.h"

gdk_status gdk_diag_step_f32_ref(int64_t n, int64_t m, float *u_out, const float *u, const double *a, int32_t k,
                                 const float *const *eps, const double *c, const float *z, const double *s)
{
    if (n < 0 || m < 1 || n % m != 0 || k < 0 || k > GDK_MAX_EPS) return GDK_ERR_INVALID_ARGUMENT;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t l = i % m;
        double x = a[l] * (double)u[i];
        for (int32_t j = 0; j < k; ++j) x += c[j * m + l] * (double)eps[j][i];
        if (z != NULL) x += s[l] * (double)z[i];
        u_out[i] = (float)x;
    }
    return GDK_OK;
}
