/*
 * gmm_eps_ref.c — reference of gdk_gmm_eps_f32 (gdk.h) by a different route than the kernel: it rebuilds each
 * diffused covariance C_k = U_k diag(1 / inv_var_k) U_k^T as a dense matrix and solves C_k x = (u - mean) by
 * Cholesky, then eps = sigma sum_k pi_k x_k with pi = softmax(log_norm_k - 1/2 (u - mean)^T x_k). Double.
 */
#include <math.h>
#include <stdlib.h>

#include "gdk_ref.h"

/* Solves (L L^T) x = r in place for a dense SPD matrix a (n x n, overwritten by L). Returns 0 on success. */
static int cholesky_solve(int n, double *a, double *r)
{
    for (int j = 0; j < n; ++j) {
        double s = a[j * n + j];
        for (int p = 0; p < j; ++p) s -= a[j * n + p] * a[j * n + p];
        if (!(s > 0)) return 1;
        a[j * n + j] = sqrt(s);
        for (int i = j + 1; i < n; ++i) {
            double t = a[i * n + j];
            for (int p = 0; p < j; ++p) t -= a[i * n + p] * a[j * n + p];
            a[i * n + j] = t / a[j * n + j];
        }
    }
    for (int i = 0; i < n; ++i) { /* L y = r */
        for (int p = 0; p < i; ++p) r[i] -= a[i * n + p] * r[p];
        r[i] /= a[i * n + i];
    }
    for (int i = n - 1; i >= 0; --i) { /* L^T x = y */
        for (int p = i + 1; p < n; ++p) r[i] -= a[p * n + i] * r[p];
        r[i] /= a[i * n + i];
    }
    return 0;
}

gdk_status gdk_gmm_eps_f32_ref(int64_t batch, int32_t d, int32_t k, const float *u, const double *mean_t,
                               const double *basis, const double *inv_var, const double *log_norm, double sigma,
                               float *eps)
{
    double *cov = malloc(sizeof(double) * d * d), *x = malloc(sizeof(double) * k * d), *logit = malloc(sizeof(double) * k);
    if (!cov || !x || !logit) return GDK_ERR_INVALID_ARGUMENT;
    for (int64_t b = 0; b < batch; ++b) {
        const float *ub = u + b * d;
        double max = -INFINITY, total = 0;
        for (int32_t c = 0; c < k; ++c) {
            for (int32_t i = 0; i < d; ++i)
                for (int32_t j = 0; j < d; ++j) {
                    double s = 0;
                    for (int32_t m = 0; m < d; ++m) {
                        const double uim = basis ? basis[((int64_t)c * d + i) * d + m] : (i == m);
                        const double ujm = basis ? basis[((int64_t)c * d + j) * d + m] : (j == m);
                        s += uim * ujm / inv_var[(int64_t)c * d + m];
                    }
                    cov[i * d + j] = s;
                }
            double *xc = x + (int64_t)c * d;
            for (int32_t i = 0; i < d; ++i) xc[i] = (double)ub[i] - mean_t[(int64_t)c * d + i];
            double quad = 0;
            double diff[64];
            for (int32_t i = 0; i < d && i < 64; ++i) diff[i] = xc[i];
            if (cholesky_solve(d, cov, xc)) return GDK_ERR_INVALID_ARGUMENT;
            for (int32_t i = 0; i < d; ++i) quad += (i < 64 ? diff[i] : 0) * xc[i];
            logit[c] = log_norm[c] - 0.5 * quad;
            if (logit[c] > max) max = logit[c];
        }
        for (int32_t c = 0; c < k; ++c) total += exp(logit[c] - max);
        for (int32_t i = 0; i < d; ++i) {
            double acc = 0;
            for (int32_t c = 0; c < k; ++c) acc += exp(logit[c] - max) / total * x[(int64_t)c * d + i];
            eps[b * d + i] = (float)(sigma * acc);
        }
    }
    free(cov), free(x), free(logit);
    return GDK_OK;
}
