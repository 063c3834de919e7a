/*
 * test_dct2.c — gdk_dct2_f32 (CPU) against the direct double-precision reference, forward and inverse, in
 * place and out of place, over square, rectangular and degenerate image sizes up to GDK_DCT_MAX_SIDE; the
 * round trip inverse(forward(x)) = x; and each error code.
 *
 * Tolerance: every output is a two-stage sum of h w products A[.][n] X[n][m] A[.][m] of float-rounded basis
 * values, accumulated by w then h fmaf roundings, so |kernel - ref| <= (h + w + 2) 2^-24 S with
 * S = sum |A| |X| |A| over the same products (computed in double); we allow (h + w + 3) 2^-24 S + 1e-30.
 * Build and run: make -C kernels-cu test
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdk.h"
#include "gdk_ref.h"

static const int SHAPES[][3] = {{1, 1, 1}, {2, 1, 5}, {3, 8, 8}, {2, 5, 7}, {2, 17, 3}, {4, 32, 32}, {1, 64, 64}, {1, 64, 1}};

static double basis(int n, int q, int p)
{
    return (q == 0 ? sqrt(1.0 / n) : sqrt(2.0 / n)) * cos(3.14159265358979323846 * (2 * p + 1) * q / (2.0 * n));
}

/* scale[r][c] = sum_{n,m} |L[r][n]| |X[n][m]| |R[m][c]| for the transform's factors, per image. */
static void scales(int64_t images, int h, int w, int inverse, const float *x, double *scale)
{
    for (int64_t img = 0; img < images; ++img) {
        const float *xi = x + img * h * w;
        for (int r = 0; r < h; ++r)
            for (int c = 0; c < w; ++c) {
                double sum = 0;
                for (int n = 0; n < h; ++n)
                    for (int m = 0; m < w; ++m) {
                        const double l = inverse ? basis(h, n, r) : basis(h, r, n);
                        const double rr = inverse ? basis(w, m, c) : basis(w, c, m);
                        sum += fabs(l * xi[n * w + m] * rr);
                    }
                scale[img * h * w + r * w + c] = sum;
            }
    }
}

static void check_case(int64_t images, int h, int w, int inverse, int in_place, uint64_t seed)
{
    const int64_t n = images * h * w;
    float *x = malloc(sizeof(float) * (size_t)n), *out = malloc(sizeof(float) * (size_t)n);
    float *ref = malloc(sizeof(float) * (size_t)n);
    double *scale = malloc(sizeof(double) * (size_t)n);
    fill_normal(x, n, seed);
    scales(images, h, w, inverse, x, scale);
    gdk_dct2_f32_ref(images, h, w, inverse, ref, x);
    gdk_status got;
    if (in_place) {
        memcpy(out, x, sizeof(float) * (size_t)n);
        got = gdk_dct2_f32(images, h, w, inverse, out, out);
    } else {
        got = gdk_dct2_f32(images, h, w, inverse, out, x);
    }
    EXPECT(got == GDK_OK, "status %d for %lld x %d x %d", got, (long long)images, h, w);
    char what[96];
    snprintf(what, sizeof what, "dct2 %lldx%dx%d inverse=%d in_place=%d", (long long)images, h, w, inverse, in_place);
    compare(what, seed, out, ref, scale, n, 1e-30, (h + w + 3.0) * 0x1.0p-24);
    free(x), free(out), free(ref), free(scale);
}

/* inverse(forward(x)) = x to a few float roundings per stage (the basis is orthonormal). */
static void check_round_trip(int h, int w, uint64_t seed)
{
    const int64_t n = 3 * h * w;
    float *x = malloc(sizeof(float) * (size_t)n), *y = malloc(sizeof(float) * (size_t)n);
    double *scale = malloc(sizeof(double) * (size_t)n);
    fill_normal(x, n, seed);
    EXPECT(gdk_dct2_f32(3, h, w, 0, y, x) == GDK_OK, "forward");
    EXPECT(gdk_dct2_f32(3, h, w, 1, y, y) == GDK_OK, "inverse in place");
    double rms = 0;
    for (int64_t i = 0; i < n; ++i) rms += (double)x[i] * x[i];
    for (int64_t i = 0; i < n; ++i) scale[i] = sqrt(rms / (double)n);
    char what[64];
    snprintf(what, sizeof what, "dct2 round trip %dx%d", h, w);
    compare(what, seed, y, x, scale, n, 0.0, 4.0 * (h + w) * 0x1.0p-24);
    free(x), free(y), free(scale);
}

static void check_errors(void)
{
    float x[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, out[16] = {0};
    const float before = out[0];
    EXPECT(gdk_dct2_f32(-1, 4, 4, 0, out, x) == GDK_ERR_INVALID_ARGUMENT, "images < 0");
    EXPECT(gdk_dct2_f32(1, 0, 4, 0, out, x) == GDK_ERR_INVALID_ARGUMENT, "h < 1");
    EXPECT(gdk_dct2_f32(1, 4, GDK_DCT_MAX_SIDE + 1, 0, out, x) == GDK_ERR_INVALID_ARGUMENT, "w > max");
    EXPECT(gdk_dct2_f32(1, 4, 4, 0, NULL, x) == GDK_ERR_NULL_POINTER, "out NULL");
    EXPECT(gdk_dct2_f32(1, 4, 4, 0, out, NULL) == GDK_ERR_NULL_POINTER, "in NULL");
    EXPECT(gdk_dct2_f32(1, 2, 4, 0, x + 1, x) == GDK_ERR_ALIASING, "partial overlap");
    EXPECT(out[0] == before, "output untouched on error");
    EXPECT(gdk_dct2_f32(0, 4, 4, 0, out, x) == GDK_OK, "no images is a no-op");
}

int main(void)
{
    uint64_t seed = 20261126;
    /* GDK_TEST_QUICK (set by `make test` under valgrind): skip the large shapes, whose O((HW)^2) double
       reference dominates there; memory errors show on the small ones as well. */
    const int quick = getenv("GDK_TEST_QUICK") != NULL;
    for (size_t si = 0; si < sizeof SHAPES / sizeof SHAPES[0]; ++si)
        for (int inverse = 0; inverse <= 1 && !(quick && SHAPES[si][1] * SHAPES[si][2] > 256); ++inverse)
            for (int in_place = 0; in_place <= 1; ++in_place)
                check_case(SHAPES[si][0], SHAPES[si][1], SHAPES[si][2], inverse, in_place, seed++);
    check_round_trip(32, 32, seed++);
    check_round_trip(5, 12, seed++);
    check_errors();
    if (g_failures) {
        fprintf(stderr, "test_dct2: %d FAILED\n", g_failures);
        return 1;
    }
    printf("test_dct2: all cases passed (%zu shapes x forward/inverse x in-place vs double reference, round trips)\n",
           sizeof SHAPES / sizeof SHAPES[0]);
    return 0;
}
