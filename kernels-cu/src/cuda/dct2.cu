/*
 * dct2.cu — shipped CUDA kernel of the orthonormal 2-D DCT-II and its inverse over a batch of images
 * (gdk_cuda.h: gdk_cuda_dct2_f32; BDM's basis change, gddim-spec.md 4.1). One block of 256 threads per image
 * (grid-stride over images); the two basis factors (src/common/dct2_math.h, shared with the CPU kernel) and
 * the row-transformed image T = X R sit in dynamic shared memory; every output is a sequential fmaf sum in
 * increasing index order, as on the CPU, so both round identically. Lab variant 0 of dev/dct2.cu.
 */
#include <cuda_runtime.h>

#include "../common/dct2_math.h"
#include "gdk_cuda.h"

namespace {

__global__ void dct2_kernel0(int64_t images, int h, int w, int inverse, float *out, const float *in)
{
    extern __shared__ float sm[];
    float *left = sm, *right = left + h * h, *t = right + w * w;
    gdk_dct_tables(left, h, right, w, inverse, (int)threadIdx.x, (int)blockDim.x);
    __syncthreads();
    const int plane = h * w;
    for (int64_t img = blockIdx.x; img < images; img += gridDim.x) {
        const float *x = in + img * plane;
        for (int idx = threadIdx.x; idx < plane; idx += blockDim.x) { /* T = X R */
            const int r = idx / w, l = idx - r * w;
            float acc = 0.0f;
            for (int q = 0; q < w; ++q) acc = fmaf(x[r * w + q], right[q * w + l], acc);
            t[idx] = acc;
        }
        __syncthreads(); /* all of X is read before out (which may be in) is written */
        for (int idx = threadIdx.x; idx < plane; idx += blockDim.x) { /* out = L T */
            const int r = idx / w, l = idx - r * w;
            float acc = 0.0f;
            for (int q = 0; q < h; ++q) acc = fmaf(left[r * h + q], t[q * w + l], acc);
            out[img * plane + idx] = acc;
        }
        __syncthreads(); /* t is reused by the next image */
    }
}

} // namespace

extern "C" gdk_status gdk_cuda_dct2_f32(gdk_stream stream, int64_t images, int32_t h, int32_t w, int32_t inverse,
                                        float *out, const float *in)
{
    if (images < 0 || h < 1 || w < 1 || h > GDK_DCT_MAX_SIDE || w > GDK_DCT_MAX_SIDE) return GDK_ERR_INVALID_ARGUMENT;
    if (out == NULL || in == NULL) return GDK_ERR_NULL_POINTER;
    const int64_t plane = (int64_t)h * w;
    if (images > INT64_MAX / plane) return GDK_ERR_INVALID_ARGUMENT;
    if (out != in && gdk_ranges_overlap(out, in, images * plane)) return GDK_ERR_ALIASING;
    if (images == 0) return GDK_OK;
    const size_t shared = sizeof(float) * (size_t)(h * h + w * w + h * w);
    const unsigned blocks = (unsigned)(images < 65535 ? images : 65535);
    dct2_kernel0<<<blocks, 256, shared, (cudaStream_t)stream>>>(images, h, w, inverse, out, in);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}
