/*
 * test_philox_normal.c — gdk_philox_normal_f32 (CPU): the Philox core against Random123's known-answer vectors
 * (tests/kat_vectors, "philox4x32 10" lines), the kernel against the independent reference bit for bit,
 * batch independence, moments within 5 standard errors, and the error codes.
 * Build and run: make -C kernels-cu test
 */
#include <stdlib.h>
#include <string.h>

#include "../src/common/philox_math.h"
#include "check.h"
#include "gdk.h"
#include "gdk_ref.h"

static void check_kat(void)
{
    static const uint32_t kat[3][10] = {
        {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
        {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x408f276d, 0x41c83b0e, 0xa20bc7c6,
         0x6d5451fd},
        {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0xd16cfe09, 0x94fdcceb, 0x5001e420,
         0x24126ea1}};
    for (int v = 0; v < 3; ++v) {
        uint32_t out[4], ref[4];
        gdk_philox4x32_10(kat[v], kat[v] + 4, out);
        gdk_philox4x32_10_ref(kat[v], kat[v] + 4, ref);
        for (int i = 0; i < 4; ++i) {
            EXPECT(out[i] == kat[v][6 + i], "KAT %d word %d: %08x != %08x", v, i, out[i], kat[v][6 + i]);
            EXPECT(ref[i] == kat[v][6 + i], "reference KAT %d word %d: %08x != %08x", v, i, ref[i], kat[v][6 + i]);
        }
    }
}

static void check_against_reference(void)
{
    const int64_t dims[] = {1, 2, 3, 4, 5, 7, 8, 33, 784};
    for (size_t di = 0; di < sizeof dims / sizeof dims[0]; ++di) {
        const int64_t dim = dims[di], batch = 9;
        float *got = malloc(sizeof(float) * batch * dim), *ref = malloc(sizeof(float) * batch * dim);
        EXPECT(gdk_philox_normal_f32(batch, dim, 0x123456789abcdefull, 7, (1ull << 32) + 5, got) == GDK_OK, "status");
        gdk_philox_normal_f32_ref(batch, dim, 0x123456789abcdefull, 7, (1ull << 32) + 5, ref);
        EXPECT(memcmp(got, ref, sizeof(float) * batch * dim) == 0, "dim %lld: kernel differs from the reference",
               (long long)dim);
        /* batch independence: sample first+4 alone equals row 4 of the batch */
        float *one = malloc(sizeof(float) * dim);
        gdk_philox_normal_f32(1, dim, 0x123456789abcdefull, 7, (1ull << 32) + 9, one);
        EXPECT(memcmp(one, got + 4 * dim, sizeof(float) * dim) == 0, "dim %lld: sample depends on its batch",
               (long long)dim);
        free(got), free(ref), free(one);
    }
}

static void check_moments(void)
{
    const int64_t batch = 1000, dim = 1000, n = batch * dim;
    float *z = malloc(sizeof(float) * n);
    gdk_philox_normal_f32(batch, dim, 5, 0, 0, z);
    double m1 = 0, m2 = 0, m4 = 0;
    for (int64_t i = 0; i < n; ++i) {
        const double x = z[i];
        m1 += x, m2 += x * x, m4 += x * x * x * x;
    }
    m1 /= n, m2 /= n, m4 /= n;
    /* standard errors for n = 1e6: mean 1e-3, variance 1.4e-3, 4th moment 9.8e-3; allow 5 of them */
    EXPECT(fabs(m1) < 5e-3, "mean %g", m1);
    EXPECT(fabs(m2 - 1) < 7e-3, "variance %g", m2);
    EXPECT(fabs(m4 - 3) < 5e-2, "fourth moment %g", m4);
    free(z);
}

int main(void)
{
    check_kat();
    check_against_reference();
    check_moments();
    float x;
    EXPECT(gdk_philox_normal_f32(-1, 4, 0, 0, 0, &x) == GDK_ERR_INVALID_ARGUMENT, "batch < 0");
    EXPECT(gdk_philox_normal_f32(1, 0, 0, 0, 0, &x) == GDK_ERR_INVALID_ARGUMENT, "dim < 1");
    EXPECT(gdk_philox_normal_f32(1, 4, 0, 0, 0, NULL) == GDK_ERR_NULL_POINTER, "out NULL");
    EXPECT(gdk_philox_normal_f32(0, 4, 0, 0, 0, NULL) == GDK_OK, "empty batch");
    if (g_failures) {
        fprintf(stderr, "test_philox_normal: %d FAILED\n", g_failures);
        return 1;
    }
    printf("test_philox_normal: KAT vectors, kernel == reference bit for bit, batch independence, moments\n");
    return 0;
}
