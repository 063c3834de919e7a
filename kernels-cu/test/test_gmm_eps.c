/*
 * test_gmm_eps.c — gdk_gmm_eps_f32 (CPU, eigenbasis route) against the dense-Cholesky reference, for diagonal and
 * full covariances over several (d, k), plus the error codes. Both compute in double and round once, so the
 * tolerance is float rounding: |got - ref| <= 4 * 2^-24 * |ref| + 1e-7 * sigma * scale, where the last term
 * covers the 1e-12-relative difference of the two linear-algebra routes on entries of size scale = max |ref|.
 * Build and run: make -C kernels-cu test
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdk.h"
#include "gdk_ref.h"

/* Random orthogonal basis (Gram-Schmidt of seeded normals), row-major, columns orthonormal. */
static void random_basis(int d, uint64_t seed, double *u)
{
    float *g = malloc(sizeof(float) * d * d);
    fill_normal(g, d * d, seed);
    for (int j = 0; j < d; ++j) {
        for (int i = 0; i < d; ++i) u[i * d + j] = g[i * d + j];
        for (int p = 0; p < j; ++p) {
            double dot = 0;
            for (int i = 0; i < d; ++i) dot += u[i * d + j] * u[i * d + p];
            for (int i = 0; i < d; ++i) u[i * d + j] -= dot * u[i * d + p];
        }
        double norm = 0;
        for (int i = 0; i < d; ++i) norm += u[i * d + j] * u[i * d + j];
        for (int i = 0; i < d; ++i) u[i * d + j] /= sqrt(norm);
    }
    free(g);
}

static void check_case(int d, int k, int full, uint64_t seed)
{
    const int64_t batch = 37;
    const double a = 0.8, sigma = 0.6;
    double *mean = malloc(sizeof(double) * k * d), *basis = full ? malloc(sizeof(double) * k * d * d) : NULL;
    double *inv = malloc(sizeof(double) * k * d), *lognorm = malloc(sizeof(double) * k);
    double *work = malloc(sizeof(double) * (k + 2 * d));
    float *u = malloc(sizeof(float) * batch * d), *got = malloc(sizeof(float) * batch * d);
    float *ref = malloc(sizeof(float) * batch * d), *tmp = malloc(sizeof(float) * k * d);
    double *scale = malloc(sizeof(double) * batch * d);
    uint64_t st = seed;
    fill_normal(tmp, k * d, seed + 1);
    for (int c = 0; c < k; ++c) {
        double logdet = 0;
        for (int j = 0; j < d; ++j) {
            mean[c * d + j] = a * 1.5 * tmp[c * d + j];
            const double lambda = 0.02 + 0.3 * ((splitmix64(&st) >> 11) * 0x1.0p-53);
            const double var = a * a * lambda + sigma * sigma;
            inv[c * d + j] = 1 / var;
            logdet += log(var);
        }
        lognorm[c] = log(1.0 / k) - 0.5 * logdet;
        if (full) random_basis(d, seed + 10 + (uint64_t)c, basis + (int64_t)c * d * d);
    }
    fill_normal(u, batch * d, seed + 2);
    EXPECT(gdk_gmm_eps_f32(batch, d, k, u, mean, basis, inv, lognorm, sigma, work, got) == GDK_OK, "status");
    gdk_gmm_eps_f32_ref(batch, d, k, u, mean, basis, inv, lognorm, sigma, ref);
    double max = 0;
    for (int64_t i = 0; i < batch * d; ++i) max = fabs(ref[i]) > max ? fabs(ref[i]) : max;
    for (int64_t i = 0; i < batch * d; ++i) scale[i] = fabs(ref[i]) + 0.025 * max;
    char what[64];
    snprintf(what, sizeof what, "gmm_eps d=%d k=%d full=%d", d, k, full);
    compare(what, seed, got, ref, scale, batch * d, 0, 4 * 0x1.0p-24);
    free(mean), free(basis), free(inv), free(lognorm), free(work), free(u), free(got), free(ref), free(tmp), free(scale);
}

int main(void)
{
    const int dims[] = {1, 2, 8, 33}, comps[] = {1, 3, 5};
    uint64_t seed = 77;
    for (int di = 0; di < 4; ++di)
        for (int ci = 0; ci < 3; ++ci)
            for (int full = 0; full <= 1; ++full) check_case(dims[di], comps[ci], full, seed++);
    float u[4] = {0}, eps[4];
    double p[8] = {0, 0, 1, 1, 0, 0, 0, 0}, work[8];
    EXPECT(gdk_gmm_eps_f32(1, 2, 1, u, p, NULL, p + 2, p + 4, 0.0, work, eps) == GDK_ERR_INVALID_ARGUMENT, "sigma 0");
    EXPECT(gdk_gmm_eps_f32(1, 0, 1, u, p, NULL, p + 2, p + 4, 1.0, work, eps) == GDK_ERR_INVALID_ARGUMENT, "d 0");
    EXPECT(gdk_gmm_eps_f32(1, 2, 1, NULL, p, NULL, p + 2, p + 4, 1.0, work, eps) == GDK_ERR_NULL_POINTER, "u NULL");
    EXPECT(gdk_gmm_eps_f32(2, 2, 1, u, p, NULL, p + 2, p + 4, 1.0, work, (float *)u + 1) == GDK_ERR_ALIASING, "overlap");
    if (g_failures) {
        fprintf(stderr, "test_gmm_eps: %d FAILED\n", g_failures);
        return 1;
    }
    printf("test_gmm_eps: eigenbasis kernel == dense Cholesky reference (d 1..33, k 1..5, diagonal and full)\n");
    return 0;
}
