/*
 * ei_step.c — shipped CPU kernel of the fused exponential-integrator step (gdk.h: gdk_ei_step_f32;
 * gddim-spec.md Eq. 5.1). One pass over the data, 4*(k+2) bytes per element (+4 with noise).
 *
 * The element loop is instantiated for every (k, noisy, in-place) combination so that k is a
 * compile-time constant and the pointers are restrict-qualified: gcc then vectorises each loop fully
 * (check with `make -C kernels-cu vecinfo`). The arithmetic is ei_step_math.h, shared with CUDA.
 * Lab variants live in dev/ei_step.cu; this file is lab variant 0 on the CPU side.
 */
#include "../common/ei_step_args.h"

/* Out-of-place: out and u are distinct (restrict); in-place: x is read and written. */
#define EI_LOOP(K, NOISY)                                                                              \
    GDK_CLONES static void ei_out_k##K##_n##NOISY(int64_t n, float *restrict out, const float *restrict u, \
                                                  const float *const *eps, const float *restrict z,      \
                                                  gdk_ei_coef cf)                                        \
    {                                                                                                  \
        const float *restrict e0 = K > 0 ? eps[0] : u, *restrict e1 = K > 1 ? eps[1] : u;              \
        const float *restrict e2 = K > 2 ? eps[2] : u, *restrict e3 = K > 3 ? eps[3] : u;              \
        for (int64_t i = 0; i < n; ++i) {                                                              \
            const float e[GDK_MAX_EPS] = {e0[i], e1[i], e2[i], e3[i]};                                 \
            out[i] = gdk_ei_elem(&cf, u[i], e, K, NOISY ? z[i] : 0.0f, NOISY);                         \
        }                                                                                              \
    }                                                                                                  \
    GDK_CLONES static void ei_in_k##K##_n##NOISY(int64_t n, float *restrict x, const float *const *eps, \
                                                 const float *restrict z, gdk_ei_coef cf)              \
    {                                                                                                  \
        const float *restrict e0 = K > 0 ? eps[0] : z, *restrict e1 = K > 1 ? eps[1] : z;              \
        const float *restrict e2 = K > 2 ? eps[2] : z, *restrict e3 = K > 3 ? eps[3] : z;              \
        for (int64_t i = 0; i < n; ++i) {                                                              \
            const float e[GDK_MAX_EPS] = {K > 0 ? e0[i] : 0.0f, K > 1 ? e1[i] : 0.0f,                  \
                                          K > 2 ? e2[i] : 0.0f, K > 3 ? e3[i] : 0.0f};                 \
            x[i] = gdk_ei_elem(&cf, x[i], e, K, NOISY ? z[i] : 0.0f, NOISY);                           \
        }                                                                                              \
    }

EI_LOOP(0, 0) EI_LOOP(1, 0) EI_LOOP(2, 0) EI_LOOP(3, 0) EI_LOOP(4, 0)
EI_LOOP(0, 1) EI_LOOP(1, 1) EI_LOOP(2, 1) EI_LOOP(3, 1) EI_LOOP(4, 1)

typedef void (*ei_out_fn)(int64_t, float *, const float *, const float *const *, const float *, gdk_ei_coef);
typedef void (*ei_in_fn)(int64_t, float *, const float *const *, const float *, gdk_ei_coef);

static const ei_out_fn EI_OUT[2][GDK_MAX_EPS + 1] = {
    {ei_out_k0_n0, ei_out_k1_n0, ei_out_k2_n0, ei_out_k3_n0, ei_out_k4_n0},
    {ei_out_k0_n1, ei_out_k1_n1, ei_out_k2_n1, ei_out_k3_n1, ei_out_k4_n1}};
static const ei_in_fn EI_IN[2][GDK_MAX_EPS + 1] = {
    {ei_in_k0_n0, ei_in_k1_n0, ei_in_k2_n0, ei_in_k3_n0, ei_in_k4_n0},
    {ei_in_k0_n1, ei_in_k1_n1, ei_in_k2_n1, ei_in_k3_n1, ei_in_k4_n1}};

gdk_status gdk_ei_step_f32(int64_t n, float *u_out, const float *u, double a, int32_t k,
                           const float *const *eps, const double *c, const float *z, double s)
{
    gdk_ei_coef cf;
    const gdk_status st = gdk_ei_prepare(n, u_out, u, a, k, eps, c, z, s, &cf);
    if (st != GDK_OK) return st;
    const int noisy = z != NULL;
    if (u_out == u)
        EI_IN[noisy][k](n, u_out, eps, z, cf);
    else
        EI_OUT[noisy][k](n, u_out, u, eps, z, cf);
    return GDK_OK;
}
