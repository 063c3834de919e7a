/*
 * gdk_cuda.h — CUDA entry points of gddim-java's kernels (libgdk_cuda.so, built by nvcc against the
 * shared CUDA runtime libcudart.so.13, so a host program that also uses the runtime shares one runtime
 * state: the same streams, graphs and error state). Same conventions as gdk.h, plus:
 *   - Buffers are device pointers (cudaMalloc'd, or managed); arrays of pointers such as `eps` and
 *     coefficient arrays such as `c` live in HOST memory and are read before the call returns.
 *   - Every launch is asynchronous on `stream` (NULL = the legacy default stream); nothing
 *     synchronises the host, so calls can be captured into a CUDA graph.
 *   - A launch failure returns GDK_ERR_CUDA; the CUDA error itself stays readable through
 *     cudaGetLastError() in the caller's runtime.
 */
#ifndef GDK_CUDA_H
#define GDK_CUDA_H

#include "gdk.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Same as cudaStream_t, without requiring the CUDA headers in client code. */
typedef struct CUstream_st *gdk_stream;

/* (major << 16) | (minor << 8) | patch of the loaded CUDA library; must equal gdk_version(). */
GDK_API uint32_t gdk_cuda_version(void);

/*
 * gdk_cuda_ei_step_f32 — gdk_ei_step_f32 on device buffers (same formula, arguments, aliasing rules,
 * errors and float32 rounding sequence; see gdk.h). Grid-stride kernel, 256 threads per block.
 */
GDK_API gdk_status gdk_cuda_ei_step_f32(gdk_stream stream, int64_t n, float *u_out, const float *u, double a,
                                        int32_t k, const float *const *eps, const double *c, const float *z,
                                        double s);

/*
 * gdk_cuda_philox_normal_f32 — gdk_philox_normal_f32 on the device (same numbers up to the last float bit;
 * src/common/philox_math.h). One thread per 4 elements.
 *
 *   first_sample  DEVICE pointer to one int64_t: the global index of the batch's first sample. Read by the
 *                 kernel, so a captured CUDA graph can be replayed for another batch after updating it.
 *   out           (batch, dim) float32 on the device.
 */
GDK_API gdk_status gdk_cuda_philox_normal_f32(gdk_stream stream, int64_t batch, int64_t dim, uint64_t seed,
                                              uint32_t noise_stream, const int64_t *first_sample, float *out);

/*
 * gdk_cuda_gmm_eps_f32 — gdk_gmm_eps_f32 on the device, one thread per sample (same maths, double precision;
 * H100/H200 FP64 makes this cheap at the dimensions of the engine's oracles). All array arguments are DEVICE
 * pointers; work holds batch * (k + 2 d) doubles.
 */
GDK_API gdk_status gdk_cuda_gmm_eps_f32(gdk_stream stream, int64_t batch, int32_t d, int32_t k, const float *u,
                                        const double *mean_t, const double *basis, const double *inv_var,
                                        const double *log_norm, double sigma, double *work, float *eps);

/*
 * gdk_cuda_block2_step_f32 — gdk_block2_step_f32 on device buffers (same formula, layout, arguments,
 * aliasing rules, errors and float32 rounding sequence; the 4 + 4k + 4 coefficients are host doubles
 * passed by value). Grid-stride over the B * P (x, v) pairs, 256 threads per block.
 */
GDK_API gdk_status gdk_cuda_block2_step_f32(gdk_stream stream, int64_t batch, int64_t plane, float *u_out,
                                           const float *u, const double *a, int32_t k, const float *const *eps,
                                           const double *c, const float *z, const double *s);

/*
 * gdk_cuda_diag_step_f32 — gdk_diag_step_f32 on device buffers. The per-coordinate maps are too large for
 * kernel parameters, so unlike the other entry points they live in DEVICE memory, as one float32 table
 * `coef` of (k + 2) rows of m: row 0 = a, rows 1..k = c_j, row k + 1 = s (read only when z != NULL). Upload
 * it once per plan, rounding each double with a plain (float) cast, which is the rounding the CPU entry
 * point applies, so results match it bit for bit. Finiteness of the table is the caller's duty (it cannot be
 * checked without a device read). Grid-stride, 256 threads per block.
 */
GDK_API gdk_status gdk_cuda_diag_step_f32(gdk_stream stream, int64_t n, int64_t m, float *u_out, const float *u,
                                         int32_t k, const float *const *eps, const float *coef, const float *z);

/*
 * gdk_cuda_dct2_f32 — gdk_dct2_f32 on device buffers (same transform, arguments, aliasing rules, errors
 * and summation order). One block per image (grid-stride over images), basis tables and the row-transformed
 * image in dynamic shared memory ((h h + w w + h w) floats, at most 48 KiB).
 */
GDK_API gdk_status gdk_cuda_dct2_f32(gdk_stream stream, int64_t images, int32_t h, int32_t w, int32_t inverse,
                                    float *out, const float *in);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GDK_CUDA_H */
