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

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GDK_CUDA_H */
