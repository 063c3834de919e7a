/*
 * nn_elementwise.cu — elementwise network ops of the GPU ONNX executor (gdk_nn.h): unary ops, broadcast binary
 * ops, axpby and fill. Grid-stride kernels, 256 threads per block; the per-element arithmetic is
 * src/common/nn_math.h, shared with ref/nn_ref.c. Memory traffic: 8 bytes per element (unary, fill 4),
 * 12 (binary, axpby). Lab: dev/nn_ops.cu (variant 0 = these launchers).
 */
#include <cuda_runtime.h>

#include "../common/nn_math.h"
#include "gdk_nn.h"

namespace {

unsigned blocks_for(int64_t n)
{
    const int64_t wanted = (n + 255) / 256;
    return (unsigned)(wanted < 4096 ? (wanted > 0 ? wanted : 1) : 4096);
}

gdk_status launched()
{
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}

__global__ void unary_kernel0(int op, int64_t n, const float *x, float *y)
{
    const int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) y[i] = gdk_nn_unary_elem(op, x[i]);
}

__global__ void binary_kernel0(int op, int64_t n, gdk_nn_index ix, const float *a, const float *b, float *out)
{
    const int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        int64_t oa, ob;
        gdk_nn_offsets(&ix, i, &oa, &ob);
        out[i] = gdk_nn_binary_elem(op, a[oa], b[ob]);
    }
}

__global__ void axpby_kernel0(int64_t n, float alpha, const float *x, float beta, const float *y, float *out)
{
    const int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        const float ax = alpha * x[i];
        const float by = beta * y[i];
        out[i] = ax + by;
    }
}

__global__ void fill_kernel0(int64_t n, float value, float *out)
{
    const int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) out[i] = value;
}

} // namespace

extern "C" gdk_status gdk_nn_unary_f32(gdk_stream stream, int32_t op, int64_t n, const float *x, float *y)
{
    if (n < 0 || op < 0 || op >= GDK_NN_UNARY_COUNT) return GDK_ERR_INVALID_ARGUMENT;
    if (n == 0) return GDK_OK;
    if (x == NULL || y == NULL) return GDK_ERR_NULL_POINTER;
    unary_kernel0<<<blocks_for(n), 256, 0, (cudaStream_t)stream>>>(op, n, x, y);
    return launched();
}

extern "C" gdk_status gdk_nn_binary_f32(gdk_stream stream, int32_t op, int32_t rank, const int64_t *shape,
                                        const int64_t *a_strides, const int64_t *b_strides, const float *a,
                                        const float *b, float *out)
{
    if (op < 0 || op >= GDK_NN_BINARY_COUNT || rank < 0 || rank > GDK_NN_MAX_RANK) return GDK_ERR_INVALID_ARGUMENT;
    if ((rank > 0 && (shape == NULL || a_strides == NULL || b_strides == NULL)) || a == NULL || b == NULL || out == NULL)
        return GDK_ERR_NULL_POINTER;
    gdk_nn_index ix = {};
    ix.rank = rank;
    int64_t n = 1;
    for (int k = 0; k < rank; ++k) {
        if (shape[k] < 0) return GDK_ERR_INVALID_ARGUMENT;
        ix.shape[k] = shape[k];
        ix.s0[k] = a_strides[k];
        ix.s1[k] = b_strides[k];
        n *= shape[k];
    }
    if (n == 0) return GDK_OK;
    binary_kernel0<<<blocks_for(n), 256, 0, (cudaStream_t)stream>>>(op, n, ix, a, b, out);
    return launched();
}

extern "C" gdk_status gdk_nn_axpby_f32(gdk_stream stream, int64_t n, float alpha, const float *x, float beta,
                                       const float *y, float *out)
{
    if (n < 0) return GDK_ERR_INVALID_ARGUMENT;
    if (n == 0) return GDK_OK;
    if (x == NULL || y == NULL || out == NULL) return GDK_ERR_NULL_POINTER;
    axpby_kernel0<<<blocks_for(n), 256, 0, (cudaStream_t)stream>>>(n, alpha, x, beta, y, out);
    return launched();
}

extern "C" gdk_status gdk_nn_fill_f32(gdk_stream stream, int64_t n, float value, float *out)
{
    if (n < 0) return GDK_ERR_INVALID_ARGUMENT;
    if (n == 0) return GDK_OK;
    if (out == NULL) return GDK_ERR_NULL_POINTER;
    fill_kernel0<<<blocks_for(n), 256, 0, (cudaStream_t)stream>>>(n, value, out);
    return launched();
}
