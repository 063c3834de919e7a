/*
 * philox_normal.cu — shipped CUDA kernel of gdk_cuda_philox_normal_f32 (gdk_cuda.h): the engine's
 * counter-based normal noise on the device, one thread per Philox block of 4 elements, maths shared with the
 * CPU kernel (src/common/philox_math.h). Lab variant 0 of dev/philox_normal.cu. The batch's first sample index
 * is read from device memory so that a captured graph can be replayed per batch.
 */
#include <cuda_runtime.h>

#include "../common/philox_math.h"
#include "gdk_cuda.h"

namespace {

__global__ void philox_normal_kernel0(int64_t batch, int64_t dim, uint64_t seed, uint32_t stream,
                                      const int64_t *first_sample, float *out)
{
    const int64_t blocks_per_sample = (dim + 3) / 4;
    const int64_t total = batch * blocks_per_sample;
    const int64_t first = *first_sample;
    for (int64_t g = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; g < total; g += (int64_t)gridDim.x * blockDim.x) {
        const int64_t b = g / blocks_per_sample, block = g % blocks_per_sample;
        float z[4];
        gdk_philox_normals4(seed, stream, (uint64_t)(first + b), (uint32_t)block, z);
        float *row = out + b * dim + 4 * block;
        const int64_t n = dim - 4 * block < 4 ? dim - 4 * block : 4;
        for (int64_t j = 0; j < n; ++j) row[j] = z[j];
    }
}

} // namespace

extern "C" gdk_status gdk_cuda_philox_normal_f32(gdk_stream stream, int64_t batch, int64_t dim, uint64_t seed,
                                                 uint32_t noise_stream, const int64_t *first_sample, float *out)
{
    if (batch < 0 || dim < 1 || dim > ((int64_t)1 << 34)) return GDK_ERR_INVALID_ARGUMENT;
    if (batch == 0) return GDK_OK;
    if (out == NULL || first_sample == NULL) return GDK_ERR_NULL_POINTER;
    const int64_t work = batch * ((dim + 3) / 4);
    const int64_t wanted = (work + 255) / 256;
    const unsigned grid = (unsigned)(wanted < 4096 ? wanted : 4096);
    philox_normal_kernel0<<<grid, 256, 0, (cudaStream_t)stream>>>(batch, dim, seed, noise_stream, first_sample, out);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}
