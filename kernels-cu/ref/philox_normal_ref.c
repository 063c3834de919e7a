/* philox_normal_ref.c — reference of gdk_philox_normal_f32 (gdk.h), written out from the Random123 round
 * function and the Box-Muller mapping without the shared header, element by element. */
#include <math.h>
#include <stddef.h>

#include "gdk_ref.h"

static void philox_ref(uint32_t c[4], uint32_t k0, uint32_t k1)
{
    for (int r = 0; r < 10; ++r) {
        const uint64_t p0 = (uint64_t)0xD2511F53u * c[0];
        const uint64_t p1 = (uint64_t)0xCD9E8D57u * c[2];
        const uint32_t c0 = (uint32_t)(p1 >> 32) ^ c[1] ^ k0, c1 = (uint32_t)p1;
        const uint32_t c2 = (uint32_t)(p0 >> 32) ^ c[3] ^ k1, c3 = (uint32_t)p0;
        c[0] = c0, c[1] = c1, c[2] = c2, c[3] = c3;
        k0 += 0x9E3779B9u, k1 += 0xBB67AE85u;
    }
}

void gdk_philox4x32_10_ref(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4])
{
    uint32_t c[4] = {ctr[0], ctr[1], ctr[2], ctr[3]};
    philox_ref(c, key[0], key[1]);
    for (int i = 0; i < 4; ++i) out[i] = c[i];
}

gdk_status gdk_philox_normal_f32_ref(int64_t batch, int64_t dim, uint64_t seed, uint32_t stream, uint64_t first_sample,
                                     float *out)
{
    if (batch < 0 || dim < 1) return GDK_ERR_INVALID_ARGUMENT;
    for (int64_t b = 0; b < batch; ++b) {
        const uint64_t sample = first_sample + (uint64_t)b;
        for (int64_t e = 0; e < dim; ++e) {
            uint32_t c[4] = {(uint32_t)(e / 4), stream, (uint32_t)sample, (uint32_t)(sample >> 32)};
            philox_ref(c, (uint32_t)seed, (uint32_t)(seed >> 32));
            const int lane = (int)(e % 4), pair = lane / 2;
            const double u1 = (c[2 * pair] + 0.5) / 4294967296.0, u2 = (c[2 * pair + 1] + 0.5) / 4294967296.0;
            const double r = sqrt(-2.0 * log(u1)), theta = 6.283185307179586476925286766559 * u2;
            out[b * dim + e] = (float)(lane % 2 == 0 ? r * cos(theta) : r * sin(theta));
        }
    }
    return GDK_OK;
}
