/*
 * nn_layout.cu — data movement of the GPU ONNX executor (gdk_nn.h): a general strided copy (Transpose, Concat,
 * Slice) and the 2-d nearest-neighbour upsampling of the U-Net's Resize. Grid-stride, 256 threads per block,
 * one output element per thread per iteration; 8 bytes per element. Lab: dev/nn_ops.cu (variant 0).
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

__global__ void strided_copy_kernel0(int64_t n, gdk_nn_index ix, const float *src, float *dst)
{
    const int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        int64_t os, od;
        gdk_nn_offsets(&ix, i, &os, &od);
        dst[od] = src[os];
    }
}

__global__ void resize_nearest_kernel0(int64_t n, int64_t h, int64_t w, int64_t sh, int64_t sw, const float *x,
                                       float *y)
{
    const int64_t ow = w * sw;
    const int64_t oh = h * sh;
    const int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        const int64_t j = i % ow;
        const int64_t r = (i / ow) % oh;
        const int64_t p = i / (ow * oh);
        y[i] = x[(p * h + r / sh) * w + j / sw];
    }
}

} // namespace

extern "C" gdk_status gdk_nn_strided_copy_f32(gdk_stream stream, int32_t rank, const int64_t *shape,
                                              const int64_t *src_strides, int64_t src_offset, const float *src,
                                              const int64_t *dst_strides, float *dst)
{
    if (rank < 0 || rank > GDK_NN_MAX_RANK || src_offset < 0) return GDK_ERR_INVALID_ARGUMENT;
    if ((rank > 0 && (shape == NULL || src_strides == NULL || dst_strides == NULL)) || src == NULL || dst == NULL)
        return GDK_ERR_NULL_POINTER;
    gdk_nn_index ix = {};
    ix.rank = rank;
    int64_t n = 1;
    for (int k = 0; k < rank; ++k) {
        if (shape[k] < 0) return GDK_ERR_INVALID_ARGUMENT;
        ix.shape[k] = shape[k];
        ix.s0[k] = src_strides[k];
        ix.s1[k] = dst_strides[k];
        n *= shape[k];
    }
    if (n == 0) return GDK_OK;
    strided_copy_kernel0<<<blocks_for(n), 256, 0, (cudaStream_t)stream>>>(n, ix, src + src_offset, dst);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}

extern "C" gdk_status gdk_nn_resize_nearest_f32(gdk_stream stream, int64_t planes, int64_t h, int64_t w,
                                                int64_t scale_h, int64_t scale_w, const float *x, float *y)
{
    if (planes < 0 || h < 0 || w < 0 || scale_h < 1 || scale_w < 1) return GDK_ERR_INVALID_ARGUMENT;
    const int64_t n = planes * h * scale_h * w * scale_w;
    if (n == 0) return GDK_OK;
    if (x == NULL || y == NULL) return GDK_ERR_NULL_POINTER;
    resize_nearest_kernel0<<<blocks_for(n), 256, 0, (cudaStream_t)stream>>>(n, h, w, scale_h, scale_w, x, y);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}
