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

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GDK_CUDA_H */
