/*
 * test_block2_step.c — gdk_block2_step_f32 (CPU) against the double-precision reference, for every k, with
 * and without noise, in place and out of place, over (batch, plane) shapes that hit every vector tail; plus
 * each error code.
 *
 * Tolerance: an output row sums T = 2 + 2k (+2 with noise) products of a rounded coefficient and an input,
 * with T float roundings, so |kernel - ref| <= (2T + 1) 2^-24 S with S the sum of the magnitudes of the terms;
 * we allow (4k + 9) 2^-24 S (the noisy T) plus the smallest normal float.
 * Build and run: make -C kernels-cu test
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdk.h"
#include "gdk_ref.h"

static const int64_t SHAPES[][2] = {{0, 5}, {1, 0}, {1, 1}, {2, 3}, {3, 7}, {2, 8}, {5, 17}, {1, 33}, {4, 1000}, {2, 4099}};

static double unif(uint64_t *st, double lo, double hi)
{
    return lo + (hi - lo) * (double)(splitmix64(st) >> 11) * 0x1.0p-53;
}

static void check_case(int64_t batch, int64_t plane, int k, int noisy, int in_place, uint64_t seed)
{
    const int64_t n = batch * 2 * plane;
    float *u = malloc(sizeof(float) * (size_t)(n + 1)), *out = malloc(sizeof(float) * (size_t)(n + 1));
    float *ref = malloc(sizeof(float) * (size_t)(n + 1)), *z = malloc(sizeof(float) * (size_t)(n + 1));
    double *scale = malloc(sizeof(double) * (size_t)(n + 1));
    float *eps_store[GDK_MAX_EPS];
    const float *eps[GDK_MAX_EPS];
    double a[4], c[4 * GDK_MAX_EPS], s[4];
    uint64_t st = seed;
    for (int r = 0; r < 4; ++r) {
        a[r] = unif(&st, -2.0, 2.0);
        s[r] = r == 1 ? 0.0 : unif(&st, 0.0, 0.5); /* a lower-triangular factor, as the engine passes */
    }
    fill_normal(u, n, seed);
    fill_normal(z, n, seed + 101);
    for (int j = 0; j < k; ++j) {
        eps_store[j] = malloc(sizeof(float) * (size_t)(n + 1));
        fill_normal(eps_store[j], n, seed + 1000 + (uint64_t)j);
        eps[j] = eps_store[j];
        for (int r = 0; r < 4; ++r) c[4 * j + r] = unif(&st, -8.0, 8.0);
    }
    for (int64_t b = 0; b < batch; ++b) {
        for (int64_t i = 0; i < plane; ++i) {
            const int64_t ix = b * 2 * plane + i, iv = ix + plane;
            for (int row = 0; row < 2; ++row) {
                const int o = 2 * row;
                double sum = fabs(a[o] * u[ix]) + fabs(a[o + 1] * u[iv]);
                if (noisy) sum += fabs(s[o] * z[ix]) + fabs(s[o + 1] * z[iv]);
                for (int j = 0; j < k; ++j) sum += fabs(c[4 * j + o] * eps[j][ix]) + fabs(c[4 * j + o + 1] * eps[j][iv]);
                scale[row ? iv : ix] = sum;
            }
        }
    }
    gdk_block2_step_f32_ref(batch, plane, ref, u, a, k, eps, c, noisy ? z : NULL, s);
    gdk_status got;
    if (in_place) {
        memcpy(out, u, sizeof(float) * (size_t)n);
        got = gdk_block2_step_f32(batch, plane, out, out, a, k, eps, c, noisy ? z : NULL, noisy ? s : NULL);
    } else {
        got = gdk_block2_step_f32(batch, plane, out, u, a, k, eps, c, noisy ? z : NULL, noisy ? s : NULL);
    }
    EXPECT(got == GDK_OK, "status %d for batch=%lld plane=%lld k=%d", got, (long long)batch, (long long)plane, k);
    char what[112];
    snprintf(what, sizeof what, "block2_step B=%lld P=%lld k=%d noisy=%d in_place=%d", (long long)batch,
             (long long)plane, k, noisy, in_place);
    compare(what, seed, out, ref, scale, n, FLT_MIN, (4.0 * k + 9.0) * 0x1.0p-24);
    for (int j = 0; j < k; ++j) free(eps_store[j]);
    free(u), free(out), free(ref), free(z), free(scale);
}

static void check_errors(void)
{
    float u[8] = {1, 2, 3, 4, 5, 6, 7, 8}, out[8] = {0}, e[8] = {0};
    const float *eps[1] = {e}, *eps_alias[1] = {out};
    const double a[4] = {1, 0, 0, 1}, a_nan[4] = {1, NAN, 0, 1}, c[4] = {1, 0, 0, 1}, c_inf[4] = {0, 0, INFINITY, 0};
    const float before = out[0];
    EXPECT(gdk_block2_step_f32(-1, 4, out, u, a, 1, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "batch < 0");
    EXPECT(gdk_block2_step_f32(1, -4, out, u, a, 1, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "plane < 0");
    EXPECT(gdk_block2_step_f32(INT64_MAX / 2, 4, out, u, a, 1, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "overflow");
    EXPECT(gdk_block2_step_f32(1, 4, out, u, a, 5, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "k > max");
    EXPECT(gdk_block2_step_f32(1, 4, NULL, u, a, 1, eps, c, NULL, NULL) == GDK_ERR_NULL_POINTER, "u_out NULL");
    EXPECT(gdk_block2_step_f32(1, 4, out, u, NULL, 1, eps, c, NULL, NULL) == GDK_ERR_NULL_POINTER, "a NULL");
    EXPECT(gdk_block2_step_f32(1, 4, out, u, a, 1, NULL, c, NULL, NULL) == GDK_ERR_NULL_POINTER, "eps NULL");
    EXPECT(gdk_block2_step_f32(1, 4, out, u, a, 0, NULL, NULL, e, NULL) == GDK_ERR_NULL_POINTER, "s NULL with z");
    EXPECT(gdk_block2_step_f32(1, 4, out, u, a_nan, 1, eps, c, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "a NaN");
    EXPECT(gdk_block2_step_f32(1, 4, out, u, a, 1, eps, c_inf, NULL, NULL) == GDK_ERR_INVALID_ARGUMENT, "c inf");
    EXPECT(gdk_block2_step_f32(1, 4, out, u, a, 0, NULL, NULL, e, a_nan) == GDK_ERR_INVALID_ARGUMENT, "s NaN");
    EXPECT(gdk_block2_step_f32(1, 4, out, u, a, 1, eps_alias, c, NULL, NULL) == GDK_ERR_ALIASING, "eps == u_out");
    EXPECT(gdk_block2_step_f32(1, 3, u + 1, u, a, 0, NULL, NULL, NULL, NULL) == GDK_ERR_ALIASING, "partial overlap");
    EXPECT(gdk_block2_step_f32(1, 4, out, u, a, 0, NULL, NULL, out, c) == GDK_ERR_ALIASING, "z == u_out");
    EXPECT(out[0] == before, "output untouched on error");
    EXPECT(gdk_block2_step_f32(0, 4, out, u, a, 0, NULL, NULL, NULL, NULL) == GDK_OK, "batch 0 is a no-op");
}

static void shape_case(size_t si, int k, int noisy, int in_place, uint64_t seed)
{
    check_case(SHAPES[si][0], SHAPES[si][1], k, noisy, in_place, seed);
}

int main(void)
{
    sweep_step_cases(sizeof SHAPES / sizeof SHAPES[0], GDK_MAX_EPS, 20261124, shape_case);
    check_errors();
    char what[96];
    snprintf(what, sizeof what, "%zu shapes x k=0..%d x noise x in-place, vs double reference",
             sizeof SHAPES / sizeof SHAPES[0], GDK_MAX_EPS);
    return test_summary("test_block2_step", what);
}
