/*
 * gmm_eps_math.h — the exact eps of a Gaussian-mixture data law under a scalar process at one time t
 * (gddim-spec.md 8.1-8.2), for one sample, shared by src/cpu/gmm_eps.c and src/cuda/gmm_eps.cu. With the
 * diffused covariances C_k = U_k diag(a^2 lambda_k + sigma^2) U_k^T:
 *     logit_k = log_norm_k - 1/2 sum_j y_kj^2 inv_var_kj,   y_k = U_k^T (u - a m_k)
 *     eps     = sigma sum_k pi_k U_k (inv_var_k * y_k),      pi = softmax(logit)
 * Two passes over the components (logits, then the weighted sum, recomputing y), with k + 2d doubles of
 * scratch per sample, all arithmetic in double, rounded to float once. Matches
 * org.gddim.model.GmmScore (the Java reference, all double) to float rounding.
 */
#ifndef GDK_GMM_EPS_MATH_H
#define GDK_GMM_EPS_MATH_H

#include <stdint.h>

#include "gdk_common.h"

/* y = U_c^T (u - mean_c) (U = I when basis is NULL); returns sum_j y_j^2 inv_var_cj. */
GDK_HD double gdk_gmm_project(int32_t d, int32_t c, const float *u, const double *mean_t, const double *basis,
                              const double *inv_var, double *y)
{
    const double *m = mean_t + (int64_t)c * d;
    const double *iv = inv_var + (int64_t)c * d;
    double quad = 0;
    for (int32_t j = 0; j < d; ++j) {
        double yj = (double)u[j] - m[j];
        if (basis != NULL) {
            const double *uk = basis + (int64_t)c * d * d;
            yj = 0;
            for (int32_t i = 0; i < d; ++i) yj += uk[(int64_t)i * d + j] * ((double)u[i] - m[i]);
        }
        y[j] = yj;
        quad += yj * yj * iv[j];
    }
    return quad;
}

/* eps (d) of sample u (d); work is scratch of k + 2d doubles. O(K D^2) for full covariances, O(K D) diagonal. */
GDK_HD void gdk_gmm_eps_sample(int32_t d, int32_t k, const float *u, const double *mean_t, const double *basis,
                               const double *inv_var, const double *log_norm, double sigma, double *work, float *eps)
{
    double *logits = work, *y = work + k, *acc = work + k + d;
    double max_logit = -1.0e308;
    for (int32_t c = 0; c < k; ++c) {
        logits[c] = log_norm[c] - 0.5 * gdk_gmm_project(d, c, u, mean_t, basis, inv_var, y);
        max_logit = logits[c] > max_logit ? logits[c] : max_logit;
    }
    double total = 0;
    for (int32_t c = 0; c < k; ++c) {
        logits[c] = exp(logits[c] - max_logit);
        total += logits[c];
    }
    for (int32_t i = 0; i < d; ++i) acc[i] = 0.0;
    for (int32_t c = 0; c < k; ++c) {
        const double pi = logits[c] / total;
        if (pi == 0.0) continue;
        gdk_gmm_project(d, c, u, mean_t, basis, inv_var, y);
        const double *iv = inv_var + (int64_t)c * d;
        for (int32_t j = 0; j < d; ++j) y[j] *= iv[j]; /* v = C^{-1}(u - mu) in eigen coordinates */
        for (int32_t i = 0; i < d; ++i) {
            double cv = y[i];
            if (basis != NULL) {
                const double *uk = basis + (int64_t)c * d * d;
                cv = 0;
                for (int32_t j = 0; j < d; ++j) cv += uk[(int64_t)i * d + j] * y[j];
            }
            acc[i] += pi * cv;
        }
    }
    for (int32_t i = 0; i < d; ++i) eps[i] = (float)(sigma * acc[i]);
}

#endif /* GDK_GMM_EPS_MATH_H */
