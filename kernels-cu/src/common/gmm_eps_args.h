/* gmm_eps_args.h — host-side argument checks of gdk_gmm_eps_f32 and its CUDA twin (the same rules, gdk.h). */
#ifndef GDK_GMM_EPS_ARGS_H
#define GDK_GMM_EPS_ARGS_H

#include "gdk.h"

static inline gdk_status gdk_gmm_check(int64_t batch, int32_t d, int32_t k, const float *u, const double *mean_t,
                                       const double *inv_var, const double *log_norm, double sigma,
                                       const double *work, const float *eps)
{
    if (batch < 0 || d < 1 || k < 1 || !(sigma > 0)) return GDK_ERR_INVALID_ARGUMENT;
    if (batch == 0) return GDK_OK;
    if (!u || !mean_t || !inv_var || !log_norm || !work || !eps) return GDK_ERR_NULL_POINTER;
    if (u < eps + batch * d && eps < u + batch * d) return GDK_ERR_ALIASING;
    return GDK_OK;
}

#endif /* GDK_GMM_EPS_ARGS_H */
