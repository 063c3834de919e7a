/*
 * nn_norm.cu — row reductions of the GPU ONNX executor (gdk_nn.h): InstanceNormalization (GroupNorm as PyTorch
 * exports it) and last-axis Softmax. One block of 256 threads per slice/row; moments and sums accumulate in
 * double (block tree reduction in shared memory), two passes over the slice for the moments plus one to write.
 * Traffic: 12 bytes per element (norm), 12 (softmax). Lab: dev/nn_ops.cu (variant 0 = these launchers).
 */
#include <cuda_runtime.h>

#include "gdk_nn.h"

namespace {

constexpr int THREADS = 256;

/* Sum of v over the block (every thread gets the result). */
__device__ double block_sum(double v, double *shared)
{
    shared[threadIdx.x] = v;
    __syncthreads();
    for (int s = THREADS / 2; s > 0; s >>= 1) {
        if ((int)threadIdx.x < s) shared[threadIdx.x] += shared[threadIdx.x + s];
        __syncthreads();
    }
    const double r = shared[0];
    __syncthreads();
    return r;
}

__device__ double block_max(double v, double *shared)
{
    shared[threadIdx.x] = v;
    __syncthreads();
    for (int s = THREADS / 2; s > 0; s >>= 1) {
        if ((int)threadIdx.x < s) shared[threadIdx.x] = fmax(shared[threadIdx.x], shared[threadIdx.x + s]);
        __syncthreads();
    }
    const double r = shared[0];
    __syncthreads();
    return r;
}

__global__ void instance_norm_kernel0(int64_t channels, int64_t len, const float *x, const float *scale,
                                      const float *bias, float eps, float *y)
{
    __shared__ double shared[THREADS];
    const int64_t g = blockIdx.x;
    const float *xs = x + g * len;
    float *ys = y + g * len;
    double s = 0.0;
    for (int64_t i = threadIdx.x; i < len; i += THREADS) s += xs[i];
    const double mean = block_sum(s, shared) / (double)len;
    double q = 0.0;
    for (int64_t i = threadIdx.x; i < len; i += THREADS) {
        const double d = xs[i] - mean;
        q += d * d;
    }
    const double var = block_sum(q, shared) / (double)len;
    const double inv = 1.0 / sqrt(var + (double)eps);
    const int64_t c = g % channels;
    const double sc = scale[c] * inv;
    const double bi = bias[c];
    for (int64_t i = threadIdx.x; i < len; i += THREADS) ys[i] = (float)((xs[i] - mean) * sc + bi);
}

__global__ void softmax_kernel0(int64_t cols, const float *x, float *y)
{
    __shared__ double shared[THREADS];
    const float *xr = x + (int64_t)blockIdx.x * cols;
    float *yr = y + (int64_t)blockIdx.x * cols;
    double m = -INFINITY;
    for (int64_t i = threadIdx.x; i < cols; i += THREADS) m = fmax(m, (double)xr[i]);
    const double max = block_max(m, shared);
    double s = 0.0;
    for (int64_t i = threadIdx.x; i < cols; i += THREADS) s += exp((double)xr[i] - max);
    const double inv = 1.0 / block_sum(s, shared);
    for (int64_t i = threadIdx.x; i < cols; i += THREADS) yr[i] = (float)(exp((double)xr[i] - max) * inv);
}

} // namespace

extern "C" gdk_status gdk_nn_instance_norm_f32(gdk_stream stream, int64_t groups, int64_t channels, int64_t len,
                                               const float *x, const float *scale, const float *bias, float eps,
                                               float *y)
{
    if (groups < 0 || channels <= 0 || len <= 0 || groups % channels != 0 || groups > 0x7fffffff || !(eps >= 0.0f))
        return GDK_ERR_INVALID_ARGUMENT;
    if (groups == 0) return GDK_OK;
    if (x == NULL || scale == NULL || bias == NULL || y == NULL) return GDK_ERR_NULL_POINTER;
    instance_norm_kernel0<<<(unsigned)groups, THREADS, 0, (cudaStream_t)stream>>>(channels, len, x, scale, bias, eps, y);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}

extern "C" gdk_status gdk_nn_softmax_f32(gdk_stream stream, int64_t rows, int64_t cols, const float *x, float *y)
{
    if (rows < 0 || cols <= 0 || rows > 0x7fffffff) return GDK_ERR_INVALID_ARGUMENT;
    if (rows == 0) return GDK_OK;
    if (x == NULL || y == NULL) return GDK_ERR_NULL_POINTER;
    softmax_kernel0<<<(unsigned)rows, THREADS, 0, (cudaStream_t)stream>>>(cols, x, y);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}
