/*
 * gmm_eps.c — shipped CPU kernel of gdk_gmm_eps_f32 (gdk.h): the exact GMM eps, sample by sample, maths in
 * src/common/gmm_eps_math.h (shared with CUDA). Compute-bound (O(k d^2) per sample with full covariances).
 */
#include <math.h>

#include "../common/gmm_eps_args.h"
#include "../common/gmm_eps_math.h"

gdk_status gdk_gmm_eps_f32(int64_t batch, int32_t d, int32_t k, const float *u, const double *mean_t,
                           const double *basis, const double *inv_var, const double *log_norm, double sigma,
                           double *work, float *eps)
{
    const gdk_status st = gdk_gmm_check(batch, d, k, u, mean_t, inv_var, log_norm, sigma, work, eps);
    if (st != GDK_OK || batch == 0) return st;
    for (int64_t b = 0; b < batch; ++b)
        gdk_gmm_eps_sample(d, k, u + b * d, mean_t, basis, inv_var, log_norm, sigma, work, eps + b * d);
    return GDK_OK;
}
