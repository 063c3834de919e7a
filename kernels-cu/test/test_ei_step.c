/*
 * test_ei_step.c — gdk_ei_step_f32 (CPU) against the double-precision reference, for every k, with and
 * without noise, in place and out of place, over sizes that hit every vector tail; plus each error code.
 *
 * Tolerance: the kernel rounds the k+2 coefficients to float and performs k+2 float roundings, so
 * |kernel - ref| <= (2k + 5) * 2^-24 * S, with S = |a u| + sum_j |c_j eps_j| + |s z| (the sum of the
 * magnitudes of the terms); we allow exactly that bound plus the smallest normal float.
 * Build and run: make -C kernels-cu test
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdk.h"
#include "gdk_ref.h"

static const int64_t SIZES[] = {0, 1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 1000, 4099, 65537};

static void check_case(int64_t n, int k, int noisy, int in_place, uint64_t seed)
{
    float *u = malloc(sizeof(float) * (size_t)(n + 1));
    float *out = malloc(sizeof(float) * (size_t)(n + 1));
    float *ref = malloc(sizeof(float) * (size_t)(n + 1));
    float *z = malloc(sizeof(float) * (size_t)(n + 1));
    float *eps_store[GDK_MAX_EPS];
    double *scale = malloc(sizeof(double) * (size_t)(n + 1));
    const float *eps[GDK_MAX_EPS];
    double c[GDK_MAX_EPS];
    uint64_t st = seed;
    const double a = 0.5 + (double)(splitmix64(&st) >> 11) * 0x1.0p-53 * 8.0; /* in [0.5, 8.5): VP ratios */
    const double s = 0.3;
    fill_normal(u, n, seed);
    fill_normal(z, n, seed + 101);
    for (int j = 0; j < k; ++j) {
        eps_store[j] = malloc(sizeof(float) * (size_t)(n + 1));
        fill_normal(eps_store[j], n, seed + 1000 + (uint64_t)j);
        eps[j] = eps_store[j];
        c[j] = ((double)(splitmix64(&st) >> 11) * 0x1.0p-53 - 0.5) * 16.0; /* in [-8, 8) */
    }
    for (int64_t i = 0; i < n; ++i) {
        double sum = fabs(a * u[i]) + (noisy ? fabs(s * z[i]) : 0.0);
        for (int j = 0; j < k; ++j) sum += fabs(c[j] * eps[j][i]);
        scale[i] = sum;
    }
    gdk_ei_step_f32_ref(n, ref, u, a, k, eps, c, noisy ? z : NULL, s);
    gdk_status st_kernel;
    if (in_place) {
        memcpy(out, u, sizeof(float) * (size_t)n);
        st_kernel = gdk_ei_step_f32(n, out, out, a, k, eps, c, noisy ? z : NULL, s);
    } else {
        st_kernel = gdk_ei_step_f32(n, out, u, a, k, eps, c, noisy ? z : NULL, s);
    }
    EXPECT(st_kernel == GDK_OK, "status %d for n=%lld k=%d", st_kernel, (long long)n, k);
    char what[96];
    snprintf(what, sizeof what, "ei_step n=%lld k=%d noisy=%d in_place=%d", (long long)n, k, noisy, in_place);
    compare(what, seed, out, ref, scale, n, FLT_MIN, (2.0 * k + 5.0) * 0x1.0p-24);
    for (int j = 0; j < k; ++j) free(eps_store[j]);
    free(u), free(out), free(ref), free(z), free(scale);
}

static void check_errors(void)
{
    float u[8] = {1, 2, 3, 4, 5, 6, 7, 8}, out[8] = {0}, e[8] = {0};
    const float *eps[1] = {e};
    const float *eps_alias[1] = {out};
    const double c[1] = {1.0}, c_nan[1] = {NAN};
    const float before = out[0];
    EXPECT(gdk_ei_step_f32(-1, out, u, 1.0, 1, eps, c, NULL, 0) == GDK_ERR_INVALID_ARGUMENT, "n < 0");
    EXPECT(gdk_ei_step_f32(8, out, u, 1.0, 5, eps, c, NULL, 0) == GDK_ERR_INVALID_ARGUMENT, "k > max");
    EXPECT(gdk_ei_step_f32(8, out, u, 1.0, -1, eps, c, NULL, 0) == GDK_ERR_INVALID_ARGUMENT, "k < 0");
    EXPECT(gdk_ei_step_f32(8, NULL, u, 1.0, 1, eps, c, NULL, 0) == GDK_ERR_NULL_POINTER, "u_out NULL");
    EXPECT(gdk_ei_step_f32(8, out, NULL, 1.0, 1, eps, c, NULL, 0) == GDK_ERR_NULL_POINTER, "u NULL");
    EXPECT(gdk_ei_step_f32(8, out, u, 1.0, 1, NULL, c, NULL, 0) == GDK_ERR_NULL_POINTER, "eps NULL");
    EXPECT(gdk_ei_step_f32(8, out, u, NAN, 1, eps, c, NULL, 0) == GDK_ERR_INVALID_ARGUMENT, "a NaN");
    EXPECT(gdk_ei_step_f32(8, out, u, 1.0, 1, eps, c_nan, NULL, 0) == GDK_ERR_INVALID_ARGUMENT, "c NaN");
    EXPECT(gdk_ei_step_f32(8, out, u, 1.0, 1, eps, c, e, INFINITY) == GDK_ERR_INVALID_ARGUMENT, "s inf");
    EXPECT(gdk_ei_step_f32(8, out, u, 1.0, 1, eps_alias, c, NULL, 0) == GDK_ERR_ALIASING, "eps == u_out");
    EXPECT(gdk_ei_step_f32(7, u + 1, u, 1.0, 0, NULL, NULL, NULL, 0) == GDK_ERR_ALIASING, "partial overlap");
    EXPECT(gdk_ei_step_f32(8, out, u, 1.0, 0, NULL, NULL, out, 1.0) == GDK_ERR_ALIASING, "z == u_out");
    EXPECT(out[0] == before, "output untouched on error");
    EXPECT(gdk_ei_step_f32(0, out, u, 1.0, 0, NULL, NULL, NULL, 0) == GDK_OK, "n == 0 is a no-op");
}

static void size_case(size_t si, int k, int noisy, int in_place, uint64_t seed)
{
    check_case(SIZES[si], k, noisy, in_place, seed);
}

int main(void)
{
    EXPECT(gdk_version() == (((uint32_t)GDK_VERSION_MAJOR << 16) | (GDK_VERSION_MINOR << 8) | GDK_VERSION_PATCH),
           "library version %u does not match header", gdk_version());
    for (gdk_status s = 0; s <= GDK_ERR_NO_DEVICE; ++s)
        EXPECT(strcmp(gdk_status_string(s), "unknown status") != 0, "status %d has no text", s);
    sweep_step_cases(sizeof SIZES / sizeof SIZES[0], GDK_MAX_EPS, 20261123, size_case);
    check_errors();
    char what[96];
    snprintf(what, sizeof what, "%zu sizes x k=0..%d x noise x in-place, vs double reference",
             sizeof SIZES / sizeof SIZES[0], GDK_MAX_EPS);
    return test_summary("test_ei_step", what);
}
