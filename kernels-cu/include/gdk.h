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

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GDK_H */
