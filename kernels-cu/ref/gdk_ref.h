/*
 * gdk_ref.h — scalar, obviously-correct references of the libgdk ops (same signatures as gdk.h plus a
 * _ref suffix). They compute in double and round once, so they are the yardstick the shipped CPU and
 * CUDA kernels are tested against. Not part of the public ABI; linked into the tests and the lab only.
 */
#ifndef GDK_REF_H
#define GDK_REF_H

#include "gdk.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The Philox4x32-10 bijection alone (for known-answer tests). */
void gdk_philox4x32_10_ref(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4]);

gdk_status gdk_philox_normal_f32_ref(int64_t batch, int64_t dim, uint64_t seed, uint32_t stream, uint64_t first_sample,
                                     float *out);

/* Dense-Cholesky reference of gdk_gmm_eps_f32 (d <= 64). */
gdk_status gdk_gmm_eps_f32_ref(int64_t batch, int32_t d, int32_t k, const float *u, const double *mean_t,
                               const double *basis, const double *inv_var, const double *log_norm, double sigma,
                               float *eps);

gdk_status gdk_ei_step_f32_ref(int64_t n, float *u_out, const float *u, double a, int32_t k,
                               const float *const *eps, const double *c, const float *z, double s);
gdk_status gdk_block2_step_f32_ref(int64_t batch, int64_t plane, float *u_out, const float *u, const double *a,
                                   int32_t k, const float *const *eps, const double *c, const float *z,
                                   const double *s);
gdk_status gdk_diag_step_f32_ref(int64_t n, int64_t m, float *u_out, const float *u, const double *a, int32_t k,
                                 const float *const *eps, const double *c, const float *z, const double *s);
gdk_status gdk_dct2_f32_ref(int64_t images, int32_t h, int32_t w, int32_t inverse, float *out, const float *in);

#ifdef __cplusplus
}
#endif

#endif /* GDK_REF_H */
