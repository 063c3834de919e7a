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
#define GDK_VERSION_MINOR 2
#define GDK_VERSION_PATCH 0

/* Largest number of stored eps buffers a fused step combines (exponential multistep order q <= 4). */
#define GDK_MAX_EPS 4

/* Largest image side (h and w) of the 2-D DCT (gdk_dct2_f32): its basis tables live on the stack / in
 * shared memory, 3 * 64 * 64 floats = 48 KiB. */
#define GDK_DCT_MAX_SIDE 64

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

/*
 * gdk_block2_step_f32 — fused step for 2x2-block-structured processes (CLD: position x and velocity v;
 * gddim-spec.md 3, Eq. 5.1 with 2x2 coefficients acting on the (x, v) pair of every element):
 *
 *     (x', v')[b, i] = A (x, v)[b, i] + sum_{j < k} C_j (ex_j, ev_j)[b, i] + S (zx, zv)[b, i]
 *
 * Layout (the engine's CLD state, (B, 2, P)): sample b holds its x plane then its v plane, so
 * x[b, i] = u[b * 2P + i] and v[b, i] = u[b * 2P + P + i], 0 <= i < P; eps and z have the same layout.
 * Each 2x2 matrix is 4 doubles, row-major [xx, xv, vx, vv]: x' = A[0] x + A[1] v, v' = A[2] x + A[3] v.
 *
 *   batch  number of samples B >= 0.       plane  elements per plane P >= 0 (the data dimension).
 *   u_out  (B, 2, P) output. May equal u (in-place update); must not otherwise overlap u, eps[j] or z.
 *   u      (B, 2, P) current state.
 *   a      (4) state matrix Psi (finite).
 *   k      number of stored eps buffers, 0 <= k <= GDK_MAX_EPS.
 *   eps    array of k pointers, each (B, 2, P); may alias each other and u, never u_out. NULL if k == 0.
 *   c      (k, 4) eps matrices C_j, row-major, c[4 j + r] (finite). NULL if k == 0.
 *   z      (B, 2, P) standard-normal noise, or NULL for a deterministic step (then s is ignored).
 *   s      (4) noise matrix, e.g. a Cholesky factor of the step's 2x2 noise covariance (finite);
 *          may be NULL when z is NULL.
 *
 * Memory traffic: 4 * (k + 2) bytes per state element (+ 4 with noise); one pass, no temporaries.
 * Returns GDK_ERR_NULL_POINTER, GDK_ERR_INVALID_ARGUMENT (negative sizes, B * 2P overflowing int64,
 * k out of range, a non-finite coefficient) or GDK_ERR_ALIASING; buffers are untouched on error.
 */
GDK_API gdk_status gdk_block2_step_f32(int64_t batch, int64_t plane, float *u_out, const float *u, const double *a,
                                      int32_t k, const float *const *eps, const double *c, const float *z,
                                      const double *s);

/*
 * gdk_diag_step_f32 — fused step for processes diagonal in a fixed basis with a per-coordinate schedule
 * (BDM in the DCT basis, gddim-spec.md 4.4): every element has its own coefficients, repeating with period m,
 *
 *     u_out[i] = a[l] u[i] + sum_{j < k} c[j m + l] eps[j][i] + s[l] z[i],      l = i mod m, 0 <= i < n.
 *
 * For BDM the state is the DCT-II coefficients (B, C, H, W) and m = H W: all channels and samples share the
 * per-frequency maps.
 *
 *   n      number of elements, n >= 0, a multiple of m.       m  period of the coefficient maps, m >= 1.
 *   u_out  (n) output. May equal u; must not otherwise overlap u, eps[j] or z.
 *   u      (n) current state.
 *   a      (m) state coefficients (finite).
 *   k, eps as gdk_ei_step_f32: 0 <= k <= GDK_MAX_EPS pointers to (n) buffers, never aliasing u_out.
 *   c      (k, m) eps coefficients, c[j m + l] (finite). NULL if k == 0.
 *   z      (n) standard-normal noise, or NULL (then s is ignored and may be NULL).
 *   s      (m) noise coefficients (finite).
 *
 * Memory traffic: 4 * (k + 2) bytes per element (+ 4 with noise); the (k + 2) m coefficients stay in cache.
 * Returns GDK_ERR_NULL_POINTER, GDK_ERR_INVALID_ARGUMENT (n < 0, m < 1, n not a multiple of m, k out of
 * range, a non-finite coefficient) or GDK_ERR_ALIASING; buffers are untouched on error.
 */
GDK_API gdk_status gdk_diag_step_f32(int64_t n, int64_t m, float *u_out, const float *u, const double *a, int32_t k,
                                    const float *const *eps, const double *c, const float *z, const double *s);

/*
 * gdk_dct2_f32 — orthonormal 2-D DCT-II of a batch of h x w images (scipy.fft.dctn(norm="ortho") over the
 * last two axes), or its inverse (the DCT-III) when inverse != 0:
 *
 *     forward  Y = A_h X A_w^T,     inverse  X = A_h^T Y A_w,
 *     A_N[q][p] = c_q cos(pi (2p + 1) q / (2N)),  c_0 = sqrt(1/N), c_q = sqrt(2/N) for q > 0.
 *
 * BDM's basis change V^T (gddim-spec.md 4.1). Separable: rows then columns, each a sequential fmaf sum in
 * float32 over the basis rounded once from double (src/common/dct2_math.h, shared with CUDA).
 *
 *   images  number of images >= 0 (e.g. B * C for a (B, C, H, W) batch).
 *   h, w    image height and width, 1 <= h, w <= GDK_DCT_MAX_SIDE.
 *   inverse 0 for DCT-II (pixels -> frequencies), non-zero for the inverse.
 *   out     (images, h, w) output. May equal in (in place); must not otherwise overlap it.
 *   in      (images, h, w) input.
 *
 * Arithmetic: 2 (h + w) flops per element; memory traffic 8 bytes per element.
 * Returns GDK_ERR_NULL_POINTER, GDK_ERR_INVALID_ARGUMENT (images < 0, h or w out of range) or
 * GDK_ERR_ALIASING; out is untouched on error.
 */
GDK_API gdk_status gdk_dct2_f32(int64_t images, int32_t h, int32_t w, int32_t inverse, float *out, const float *in);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GDK_H */
