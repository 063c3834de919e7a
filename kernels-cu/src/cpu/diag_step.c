/*
 * diag_step.c — shipped CPU kernel of the fused diagonal step (gdk.h: gdk_diag_step_f32; BDM's
 * per-frequency update in the DCT basis, gddim-spec.md 4.4). One pass over the data, 4*(k+2) bytes per
 * element (+4 with noise); the (k+2) m double coefficients are re-read from cache for every period of m
 * elements and rounded to float on the fly (a plain cast, as the CUDA table is rounded).
 *
 * Instantiated per (k, noisy) so k is a compile-time constant and the loop over one period vectorises; the
 * in-place case is the same loop (out and u may be equal, so they are not restrict-qualified; every element
 * is read before it is written). The arithmetic is diag_step_math.h, shared with CUDA. Lab: dev/diag_step.cu.
 */
#include "../common/diag_step_args.h"

#define DIAG_LOOP(K, NOISY)                                                                                  \
    GDK_CLONES static void diag_k##K##_n##NOISY(int64_t rows, int64_t m, float *out, const float *u,         \
                                                const double *restrict a, const float *const *eps,           \
                                                const double *restrict c, const float *restrict z,           \
                                                const double *restrict s)                                    \
    {                                                                                                        \
        for (int64_t r = 0; r < rows; ++r) {                                                                 \
            const int64_t off = r * m;                                                                       \
            const float *restrict e0 = K > 0 ? eps[0] + off : u, *restrict e1 = K > 1 ? eps[1] + off : u;    \
            const float *restrict e2 = K > 2 ? eps[2] + off : u, *restrict e3 = K > 3 ? eps[3] + off : u;    \
            const float *zr = NOISY ? z + off : u;                                                           \
            for (int64_t l = 0; l < m; ++l) {                                                                \
                const float cl[GDK_MAX_EPS] = {K > 0 ? (float)c[l] : 0.0f, K > 1 ? (float)c[m + l] : 0.0f,   \
                                               K > 2 ? (float)c[2 * m + l] : 0.0f,                           \
                                               K > 3 ? (float)c[3 * m + l] : 0.0f};                          \
                const float el[GDK_MAX_EPS] = {K > 0 ? e0[l] : 0.0f, K > 1 ? e1[l] : 0.0f,                   \
                                               K > 2 ? e2[l] : 0.0f, K > 3 ? e3[l] : 0.0f};                  \
                out[off + l] = gdk_diag_elem((float)a[l], u[off + l], cl, el, K, NOISY ? (float)s[l] : 0.0f, \
                                             NOISY ? zr[l] : 0.0f, NOISY);                                   \
            }                                                                                                \
        }                                                                                                    \
    }

DIAG_LOOP(0, 0) DIAG_LOOP(1, 0) DIAG_LOOP(2, 0) DIAG_LOOP(3, 0) DIAG_LOOP(4, 0)
DIAG_LOOP(0, 1) DIAG_LOOP(1, 1) DIAG_LOOP(2, 1) DIAG_LOOP(3, 1) DIAG_LOOP(4, 1)

typedef void (*diag_fn)(int64_t, int64_t, float *, const float *, const double *, const float *const *,
                        const double *, const float *, const double *);

static const diag_fn DIAG[2][GDK_MAX_EPS + 1] = {
    {diag_k0_n0, diag_k1_n0, diag_k2_n0, diag_k3_n0, diag_k4_n0},
    {diag_k0_n1, diag_k1_n1, diag_k2_n1, diag_k3_n1, diag_k4_n1}};

gdk_status gdk_diag_step_f32(int64_t n, int64_t m, float *u_out, const float *u, const double *a, int32_t k,
                             const float *const *eps, const double *c, const float *z, const double *s)
{
    const gdk_status st = gdk_diag_check(n, m, u_out, u, a, k, eps, c, z, s);
    if (st != GDK_OK || n == 0) return st;
    DIAG[z != NULL][k](n / m, m, u_out, u, a, eps, c, z, s);
    return GDK_OK;
}
