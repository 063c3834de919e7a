/*
 * block2_step.c — shipped CPU kernel of the fused 2x2-block step (gdk.h: gdk_block2_step_f32; CLD's
 * (x, v) update, gddim-spec.md 3 and Eq. 5.1). One pass over the data, 4*(k+2) bytes per state element
 * (+4 with noise). For each sample the x plane and the v plane are streamed side by side.
 *
 * As in ei_step.c the plane loop is instantiated for every (k, noisy, in-place) combination, so k is a
 * compile-time constant and the pointers are restrict-qualified and gcc vectorises the loop (check with
 * `make -C kernels-cu vecinfo`). The arithmetic is block2_step_math.h, shared with CUDA. Lab variants live
 * in dev/block2_step.cu; this file is lab variant 0 on the CPU side.
 */
#include "../common/block2_step_args.h"

/* Per-sample plane pointers of the k eps buffers (unused slots point at a valid plane and are never read). */
typedef struct b2_planes {
    const float *ex[GDK_MAX_EPS];
    const float *ev[GDK_MAX_EPS];
} b2_planes;

#define B2_LOOP(K, NOISY)                                                                                  \
    GDK_CLONES static void b2_out_k##K##_n##NOISY(int64_t p, float *restrict ox, float *restrict ov,       \
                                                  const float *restrict x, const float *restrict v,        \
                                                  b2_planes e, const float *restrict zx,                   \
                                                  const float *restrict zv, gdk_b2_coef cf)                \
    {                                                                                                      \
        const float *restrict ex0 = e.ex[0], *restrict ex1 = e.ex[1], *restrict ex2 = e.ex[2];             \
        const float *restrict ex3 = e.ex[3], *restrict ev0 = e.ev[0], *restrict ev1 = e.ev[1];             \
        const float *restrict ev2 = e.ev[2], *restrict ev3 = e.ev[3];                                      \
        for (int64_t i = 0; i < p; ++i) {                                                                  \
            const float ax[GDK_MAX_EPS] = {ex0[i], ex1[i], ex2[i], ex3[i]};                                \
            const float av[GDK_MAX_EPS] = {ev0[i], ev1[i], ev2[i], ev3[i]};                                \
            const float nx = NOISY ? zx[i] : 0.0f, nv = NOISY ? zv[i] : 0.0f;                              \
            ox[i] = gdk_b2_row(&cf, 0, x[i], v[i], ax, av, K, nx, nv, NOISY);                              \
            ov[i] = gdk_b2_row(&cf, 1, x[i], v[i], ax, av, K, nx, nv, NOISY);                              \
        }                                                                                                  \
    }                                                                                                      \
    GDK_CLONES static void b2_in_k##K##_n##NOISY(int64_t p, float *restrict x, float *restrict v,          \
                                                 b2_planes e, const float *restrict zx,                    \
                                                 const float *restrict zv, gdk_b2_coef cf)                 \
    {                                                                                                      \
        const float *restrict ex0 = e.ex[0], *restrict ex1 = e.ex[1], *restrict ex2 = e.ex[2];             \
        const float *restrict ex3 = e.ex[3], *restrict ev0 = e.ev[0], *restrict ev1 = e.ev[1];             \
        const float *restrict ev2 = e.ev[2], *restrict ev3 = e.ev[3];                                      \
        for (int64_t i = 0; i < p; ++i) {                                                                  \
            const float ax[GDK_MAX_EPS] = {ex0[i], ex1[i], ex2[i], ex3[i]};                                \
            const float av[GDK_MAX_EPS] = {ev0[i], ev1[i], ev2[i], ev3[i]};                                \
            const float nx = NOISY ? zx[i] : 0.0f, nv = NOISY ? zv[i] : 0.0f;                              \
            const float xi = x[i], vi = v[i];                                                              \
            x[i] = gdk_b2_row(&cf, 0, xi, vi, ax, av, K, nx, nv, NOISY);                                   \
            v[i] = gdk_b2_row(&cf, 1, xi, vi, ax, av, K, nx, nv, NOISY);                                   \
        }                                                                                                  \
    }

B2_LOOP(0, 0) B2_LOOP(1, 0) B2_LOOP(2, 0) B2_LOOP(3, 0) B2_LOOP(4, 0)
B2_LOOP(0, 1) B2_LOOP(1, 1) B2_LOOP(2, 1) B2_LOOP(3, 1) B2_LOOP(4, 1)

typedef void (*b2_out_fn)(int64_t, float *, float *, const float *, const float *, b2_planes, const float *,
                          const float *, gdk_b2_coef);
typedef void (*b2_in_fn)(int64_t, float *, float *, b2_planes, const float *, const float *, gdk_b2_coef);

static const b2_out_fn B2_OUT[2][GDK_MAX_EPS + 1] = {
    {b2_out_k0_n0, b2_out_k1_n0, b2_out_k2_n0, b2_out_k3_n0, b2_out_k4_n0},
    {b2_out_k0_n1, b2_out_k1_n1, b2_out_k2_n1, b2_out_k3_n1, b2_out_k4_n1}};
static const b2_in_fn B2_IN[2][GDK_MAX_EPS + 1] = {
    {b2_in_k0_n0, b2_in_k1_n0, b2_in_k2_n0, b2_in_k3_n0, b2_in_k4_n0},
    {b2_in_k0_n1, b2_in_k1_n1, b2_in_k2_n1, b2_in_k3_n1, b2_in_k4_n1}};

gdk_status gdk_block2_step_f32(int64_t batch, int64_t plane, float *u_out, const float *u, const double *a,
                               int32_t k, const float *const *eps, const double *c, const float *z, const double *s)
{
    gdk_b2_coef cf;
    int64_t n = 0;
    const gdk_status st = gdk_b2_prepare(batch, plane, u_out, u, a, k, eps, c, z, s, &n, &cf);
    if (st != GDK_OK || n == 0) return st;
    const int noisy = z != NULL;
    for (int64_t b = 0; b < batch; ++b) {
        const int64_t off = b * 2 * plane;
        b2_planes e;
        for (int j = 0; j < GDK_MAX_EPS; ++j) {
            e.ex[j] = j < k ? eps[j] + off : u + off;
            e.ev[j] = j < k ? eps[j] + off + plane : u + off + plane;
        }
        const float *zx = noisy ? z + off : NULL, *zv = noisy ? z + off + plane : NULL;
        if (u_out == u)
            B2_IN[noisy][k](plane, u_out + off, u_out + off + plane, e, zx, zv, cf);
        else
            B2_OUT[noisy][k](plane, u_out + off, u_out + off + plane, u + off, u + off + plane, e, zx, zv, cf);
    }
    return GDK_OK;
}
