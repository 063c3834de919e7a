/*
 * philox_math.h — Philox4x32-10 (Salmon et al., SC'11; the Random123 algorithm) and the Box-Muller normals of
 * gddim-java's noise, shared by src/cpu/philox_normal.c and src/cuda/philox_normal.cu and identical to the
 * Java reference org.gddim.rng.GaussianNoise: element e of sample b comes from the block with counter
 * (e / 4, stream, b_lo, b_hi) and key (seed_lo, seed_hi); the words (w0, w1) and (w2, w3) give two normals
 * each, z0 = r cos(2 pi u2), z1 = r sin(2 pi u2), r = sqrt(-2 ln u1), u = (w + 0.5) 2^-32, in double, rounded
 * to float once. CPU and GPU agree to the last float bit except where the device's log/cos/sin (within
 * 1-2 ulp in double) round to a different float, which is rare and at most 1 float ulp.
 */
#ifndef GDK_PHILOX_MATH_H
#define GDK_PHILOX_MATH_H

#include <stdint.h>

#include "gdk_common.h"

#define GDK_PHILOX_M0 0xD2511F53u
#define GDK_PHILOX_M1 0xCD9E8D57u
#define GDK_PHILOX_W0 0x9E3779B9u
#define GDK_PHILOX_W1 0xBB67AE85u

/* out = philox4x32_10(ctr, key). */
GDK_HD void gdk_philox4x32_10(const uint32_t ctr_in[4], const uint32_t key_in[2], uint32_t out[4])
{
    uint32_t c0 = ctr_in[0], c1 = ctr_in[1], c2 = ctr_in[2], c3 = ctr_in[3];
    uint32_t k0 = key_in[0], k1 = key_in[1];
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            k0 += GDK_PHILOX_W0;
            k1 += GDK_PHILOX_W1;
        }
        const uint64_t p0 = (uint64_t)GDK_PHILOX_M0 * c0;
        const uint64_t p1 = (uint64_t)GDK_PHILOX_M1 * c2;
        const uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
        const uint32_t n1 = (uint32_t)p1;
        const uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
        const uint32_t n3 = (uint32_t)p0;
        c0 = n0, c1 = n1, c2 = n2, c3 = n3;
    }
    out[0] = c0, out[1] = c1, out[2] = c2, out[3] = c3;
}

/* The 4 normals of block `block` of sample `sample` (counter (block, stream, sample), key seed). */
GDK_HD void gdk_philox_normals4(uint64_t seed, uint32_t stream, uint64_t sample, uint32_t block, float z[4])
{
    const uint32_t ctr[4] = {block, stream, (uint32_t)sample, (uint32_t)(sample >> 32)};
    const uint32_t key[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};
    uint32_t w[4];
    gdk_philox4x32_10(ctr, key, w);
    const double two_pow_m32 = 2.3283064365386963e-10; /* 2^-32 */
    const double two_pi = 6.283185307179586476925286766559;
    for (int pair = 0; pair < 2; ++pair) {
        const double u1 = ((double)w[2 * pair] + 0.5) * two_pow_m32;
        const double u2 = ((double)w[2 * pair + 1] + 0.5) * two_pow_m32;
        const double r = sqrt(-2.0 * log(u1));
        z[2 * pair] = (float)(r * cos(two_pi * u2));
        z[2 * pair + 1] = (float)(r * sin(two_pi * u2));
    }
}

#endif /* GDK_PHILOX_MATH_H */
