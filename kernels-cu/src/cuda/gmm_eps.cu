/*
 * gmm_eps.cu — shipped CUDA kernel of gdk_cuda_gmm_eps_f32 (gdk_cuda.h): the exact GMM eps on the device, one
 * thread per sample, double arithmetic, maths shared with the CPU kernel (src/common/gmm_eps_math.h). Lab
 * variant 0 of dev/gmm_eps.cu. All pointers are device pointers, so the call can be captured in a graph.
 */
#include <cuda_runtime.h>

#include "../common/gmm_eps_args.h"
#include "../common/gmm_eps_math.h"
#include "gdk_cuda.h"

namespace {

__global__ void gmm_eps_kernel0(int64_t batch, int32_t d, int32_t k, const float *u, const double *mean_t,
                                const double *basis, const double *inv_var, const double *log_norm, double sigma,
                                double *work, float *eps)
{
    for (int64_t b = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; b < batch; b += (int64_t)gridDim.x * blockDim.x)
        gdk_gmm_eps_sample(d, k, u + b * d, mean_t, basis, inv_var, log_norm, sigma, work + b * (k + 2 * d),
                           eps + b * d);
}

} // namespace

extern "C" gdk_status gdk_cuda_gmm_eps_f32(gdk_stream stream, int64_t batch, int32_t d, int32_t k, const float *u,
                                           const double *mean_t, const double *basis, const double *inv_var,
                                           const double *log_norm, double sigma, double *work, float *eps)
{
    const gdk_status st = gdk_gmm_check(batch, d, k, u, mean_t, inv_var, log_norm, sigma, work, eps);
    if (st != GDK_OK || batch == 0) return st;
    const int64_t wanted = (batch + 127) / 128;
    const unsigned grid = (unsigned)(wanted < 8192 ? wanted : 8192);
    gmm_eps_kernel0<<<grid, 128, 0, (cudaStream_t)stream>>>(batch, d, k, u, mean_t, basis, inv_var, log_norm, sigma,
                                                            work, eps);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}
