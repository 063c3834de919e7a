/*
 * gdk.h — the public C ABI of libgdk, the gddim-java sampling kernels (CPU library).
 *
 * This header is the contract: the Java bindings (bindings/.../raw/gdk_h.java) and native apps are
 * both written from it, and a drift test fails the Java build when a declaration here has no binding.
 * CUDA entry points (libgdk_cuda.so) are declared in gdk_cuda.h, which includes this file.
 *
 * Conventions for every function:
 *   - Returns a gdk_status; GDK_OK (0) on success. No function calls exit(), prints, or keeps global
 *     state; all memory is owned by the caller.
 *   - Element counts are int64_t and must be >= 0. Buffers are dense float32 arrays in host memory,
 *     aligned to at least 4 bytes (64-byte alignment is faster, never required).
 *   - Coefficients are passed as double (they are planned in double by the engine); the per-element
 *     update runs in float32 with the rounding sequence fixed by src/common/<op>_math.h (explicit fmaf,
 *     built with -ffp-contract=off), so the CPU and CUDA kernels round identically.
 *   - Thread-safety: functions are re-entrant; concurrent calls on disjoint buffers are safe.
 */
#ifndef GDK_H
#define GDK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Symbols of the public API are the only ones the shared libraries export (built -fvisibility=hidden). */
#if defined(__GNUC__)
#define GDK_API __attribute__((visibility("default")))
#else
#define GDK_API
#endif

/* Version of this header. gdk_version() returns the version of the library actually loaded. */
#define GDK_VERSION_MAJOR 0
#define GDK_VERSION_MINOR 1
#define GDK_VERSION_PATCH 0

/* Largest number of stored eps buffers a fused step combines (exponential multistep order q <= 4). */
#define GDK_MAX_EPS 4

/* Status codes (stable numbers; new codes are only ever appended). */
typedef int32_t gdk_status;
#define GDK_OK                   0 /* success */
#define GDK_ERR_NULL_POINTER     1 /* a required pointer argument is NULL */
#define GDK_ERR_INVALID_ARGUMENT 2 /* a size, count or coefficient is out of its documented range */
#define GDK_ERR_ALIASING         3 /* buffers overlap in a way the function does not allow */
#define GDK_ERR_CUDA             4 /* a CUDA runtime call failed (CUDA entry points only) */
#define GDK_ERR_NO_DEVICE        5 /* no usable CUDA device (CUDA entry points only) */

/* (major << 16) | (minor << 8) | patch of the loaded library. */
GDK_API uint32_t gdk_version(void);

/* A static, NUL-terminated English description of a status code ("unknown status" for others). */
GDK_API const char *gdk_status_string(gdk_status status);

/*
 * gdk_ei_step_f32 — fused exponential-integrator step for scalar-structured processes (VP, VE, EDM):
 *
 *     u_out[i] = a * u[i] + sum_{j < k} c[j] * eps[j][i] + s * z[i]          for 0 <= i < n
 *
 * This is gddim-spec.md Eq. (5.1) for one step: a = Psi(tau_{n+1}, tau_n), c[j] = C_{n,j}, and the
 * optional noise term of stochastic samplers (spec 1.6). DDIM is k = 1.
 *
 *   n      number of elements (batch * data dims), n >= 0.
 *   u_out  (n) output. May equal u (in-place update); must not otherwise overlap u, eps[j] or z.
 *   u      (n) current state.
 *   a      state coefficient (finite).
 *   k      number of stored eps buffers, 0 <= k <= GDK_MAX_EPS.
 *   eps    array of k pointers, each (n); eps[j] is paired with c[j]. May be NULL when k == 0.
 *          The eps buffers may alias each other and u, never u_out.
 *   c      (k) eps coefficients (finite). May be NULL when k == 0.
 *   z      (n) standard-normal noise, or NULL for a deterministic step (then s is ignored).
 *   s      noise coefficient (finite).
 *
 * Memory traffic: 4 * (k + 2) bytes per element (+ 4 with noise); one pass, no temporaries.
 * Returns GDK_ERR_NULL_POINTER, GDK_ERR_INVALID_ARGUMENT (n < 0, k out of range, a non-finite
 * coefficient) or GDK_ERR_ALIASING as documented above; buffers are untouched on error.
 */
GDK_API gdk_status gdk_ei_step_f32(int64_t n, float *u_out, const float *u, double a, int32_t k,
                                   const float *const *eps, const double *c, const float *z, double s);

/*
 * gdk_philox_normal_f32 — standard-normal noise keyed by (seed, stream, sample index, element), the engine's
 * counter-based generator (Philox4x32-10 + Box-Muller; src/common/philox_math.h documents the exact mapping;
 * org.gddim.rng.GaussianNoise is the same function in Java). A sample's noise does not depend on the batch,
 * shard, thread or backend.
 *
 *   batch         number of samples, >= 0.
 *   dim           elements per sample, >= 1 (<= 2^34).
 *   seed          64-bit key.
 *   stream        which draw (0 = the prior; 1 + n = step n of a stochastic sampler).
 *   first_sample  global index of the first sample of this batch.
 *   out           (batch, dim) float32, row-major.
 *
 * Returns GDK_ERR_NULL_POINTER or GDK_ERR_INVALID_ARGUMENT (batch < 0, dim < 1 or too large).
 */
GDK_API gdk_status gdk_philox_normal_f32(int64_t batch, int64_t dim, uint64_t seed, uint32_t stream,
                                         uint64_t first_sample, float *out);

/*
 * gdk_gmm_eps_f32 — the exact eps of a Gaussian-mixture data law sum_k w_k N(m_k, S_k) under a scalar process at
 * one time t (gddim-spec.md 8.1-8.2; src/common/gmm_eps_math.h): eps = -sigma_t grad log p_t(u). The caller
 * precomputes, in double, the time-t parameters from S_k = U_k diag(lambda_k) U_k^T:
 *
 *   batch     samples, >= 0.             d  data dimension, >= 1.        k  components, >= 1.
 *   u         (batch, d) float32, row-major.
 *   mean_t    (k, d)    a_t m_k.
 *   basis     (k, d, d) U_k row-major (columns = eigenvectors), or NULL when every component is diagonal.
 *   inv_var   (k, d)    1 / (a_t^2 lambda_kj + sigma_t^2).
 *   log_norm  (k)       log w_k - 1/2 sum_j log(a_t^2 lambda_kj + sigma_t^2).
 *   sigma     sigma_t > 0.
 *   work      scratch of (k + 2 d) doubles (one sample at a time on the CPU).
 *   eps       (batch, d) float32 output; must not overlap u.
 *
 * Cost O(batch k d^2) with a basis, O(batch k d) without; all arithmetic in double, rounded to float once.
 * Returns GDK_ERR_NULL_POINTER, GDK_ERR_INVALID_ARGUMENT (sizes, sigma <= 0) or GDK_ERR_ALIASING.
 */
GDK_API gdk_status gdk_gmm_eps_f32(int64_t batch, int32_t d, int32_t k, const float *u, const double *mean_t,
                                   const double *basis, const double *inv_var, const double *log_norm, double sigma,
                                   double *work, float *eps);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GDK_H */
