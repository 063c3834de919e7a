/*
 * test_diag_step.c — gdk_diag_step_f32 (CPU) against the double-precision reference, for every k, with and
 * without noise, in place and out of place, over (n, m) shapes with periods that hit every vector tail; plus
 * each error code.
 *
 * Tolerance: as for ei_step (the same per-element arithmetic with this element's coefficients):
 * |kernel - ref| <= (2k + 5) 2^-24 S, S the sum of the magnitudes of the terms, plus the smallest normal float.
 * Build and run: make -C kernels-cu test
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdk.h"
#include "gdk_ref.h"

static const int64_t SHAPES[][2] = {{0, 1}, {5, 1}, {6, 3}, {64, 64}, {128, 16}, {3 * 1024, 1024}, {2 * 4099, 4099}, {33, 11}};

static double unif(uint64_t *st, double lo, double hi)
{
    return lo + (hi - lo) * (double)(splitmix64(st) >> 11) * 0x1.0p-53;
}

static void check_case(int64_t n, int64_t m, int k, int noisy, int in_place, uint64_t seed)
{
    float *u = malloc(sizeof(float) * (size_t)(n + 1)), *out = malloc(sizeof(float) * (size_t)(n + 1));
    float *ref = malloc(sizeof(float) * (size_t)(n + 1)), *z = malloc(sizeof(float) * (size_t)(n + 1));
    double *scale = malloc(sizeof(double) * (size_t)(n + 1));
    double *a = malloc(sizeof(double) * (size_t)m), *s = malloc(sizeof(double) * (size_t)m);
    double *c = malloc(sizeof(double) * (size_t)(m * GDK_MAX_EPS));
    float *eps_store[GDK_MAX_EPS];
    const float *eps[GDK_MAX_EPS];
    uint64_t st = seed;
    for (int64_t l = 0; l < m; ++l) {
        a[l] = unif(&st, 0.001, 1000.0); /* BDM's backward ratios alpha'/alpha span decades (spec P10) */
        s[l] = unif(&st, 0.0, 1.0);
        for (int j = 0; j < GDK_MAX_EPS; ++j) c[j * m + l] = unif(&st, -8.0, 8.0);
    }
    fill_normal(u, n, seed);
    fill_normal(z, n, seed + 101);
    for (int j = 0; j < k; ++j) {
        eps_store[j] = malloc(sizeof(float) * (size_t)(n + 1));
        fill_normal(eps_store[j], n, seed + 1000 + (uint64_t)j);
        eps[j] = eps_store[j];
    }
    for (int64_t i = 0; i < n; ++i) {
        const int64_t l = i % m;
        double sum = fabs(a[l] * u[i]) + (noisy ? fabs(s[l] * z[i]) : 0.0);
        for (int j = 0; j < k; ++j) sum += fabs(c[j * m + l] * eps[j][i]);
        scale[i] = sum;
    }
    gdk_diag_step_f32_ref(n, m, ref, u, a, k, eps, c, noisy ? z : NULL, s);
    gdk_status got;
    if (in_place) {
        memcpy(out, u, sizeof(float) * (size_t)n);
        got = gdk_diag_step_f32(n, m, out, out, a, k, eps, c, noisy ? z : NULL, noisy ? s : NULL);
    } else {
        got = gdk_diag_step_f32(n, m, out, u, a, k, eps, c, noisy ? z : NULL, noisy ? s : NULL);
    }
    EXPECT(got == GDK_OK, "status %d for n=%lld m=%lld k=%d", got, (long long)n, (long long)m, k);
    char what[112];
    snprintf(what, sizeof what, "diag_step n=%lld m=%lld k=%d noisy=%d in_place=%d", (long long)n, (long long)m, k,
             noisy, in_place);
    compare(what, seed, out, ref, scale, n, FLT_MIN, (2.0 * k + 5.0) * 0x1.0p-24);
    for (int j = 0; j < k; ++j) free(eps_store[j]);
    free(u), free(out), free(ref), free(z), free(scale), free(a), free(s), free(c);
}

static void check_errors(void)
{
    float u[8] = {1, 2, 3, 4, 5, 6, 7, 8}, out[8] = {0}, e[8] = {0};
    const float *eps[1] = {e}, *eps_alias[1] = {out};
    const double a[4] = {1, 1, 1, 1}, c[4] = {1, 1, 1, 1}, bad[4] = {1, NAN, 1, 1};
    const float before = out[0];
    EXPECT(gdk_diag_step_f32(-4, 4, out, u, a, 1, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "n < 0");
    EXPECT(gdk_diag_step_f32(8, 0, out, u, a, 1, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "m < 1");
    EXPECT(gdk_diag_step_f32(8, 3, out, u, a, 1, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "n not a multiple of m");
    EXPECT(gdk_diag_step_f32(8, 4, out, u, a, 5, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "k > max");
    EXPECT(gdk_diag_step_f32(8, 4, NULL, u, a, 1, eps, c, NULL, NULL) == GDK_ERR_NULL_POINTER, "u_out NULL");
    EXPECT(gdk_diag_step_f32(8, 4, out, u, NULL, 1, eps, c, NULL, NULL) == GDK_ERR_NULL_POINTER, "a NULL");
    EXPECT(gdk_diag_step_f32(8, 4, out, u, a, 1, eps, NULL, NULL, NULL) == GDK_ERR_NULL_POINTER, "c NULL");
    EXPECT(gdk_diag_step_f32(8, 4, out, u, a, 0, NULL, NULL, e, NULL) == GDK_ERR_NULL_POINTER, "s NULL with z");
    EXPECT(gdk_diag_step_f32(8, 4, out, u, bad, 1, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "a NaN");
    EXPECT(gdk_diag_step_f32(8, 4, out, u, a, 1, eps, bad, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "c NaN");
    EXPECT(gdk_diag_step_f32(8, 4, out, u, a, 0, NULL, NULL, e, bad) == GDK_ERR_INVALID_ARGUMENT, "s NaN");
    EXPECT(gdk_diag_step_f32(8, 4, out, u, a, 1, eps_alias, c, NULL, NULL) == GDK_ERR_ALIASING, "eps == u_out");
    EXPECT(gdk_diag_step_f32(4, 4, u + 1, u, a, 0, NULL, NULL, NULL, NULL) == GDK_ERR_ALIASING, "partial overlap");
    EXPECT(gdk_diag_step_f32(8, 4, out, u, a, 0, NULL, NULL, out, a) == GDK_ERR_ALIASING, "z == u_out");
    EXPECT(out[0] == before, "output untouched on error");
    EXPECT(gdk_diag_step_f32(0, 4, out, u, a, 0, NULL, NULL, NULL, NULL) == GDK_OK, "n == 0 is a no-op");
}

static void shape_case(size_t si, int k, int noisy, int in_place, uint64_t seed)
{
    check_case(SHAPES[si][0], SHAPES[si][1], k, noisy, in_place, seed);
}

int main(void)
{
    sweep_step_cases(sizeof SHAPES / sizeof SHAPES[0], GDK_MAX_EPS, 20261125, shape_case);
    check_errors();
    char what[96];
    snprintf(what, sizeof what, "%zu shapes x k=0..%d x noise x in-place, vs double reference",
             sizeof SHAPES / sizeof SHAPES[0], GDK_MAX_EPS);
    return test_summary("test_diag_step", what);
}
