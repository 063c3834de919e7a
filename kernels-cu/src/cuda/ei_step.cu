/*
 * ei_step.cu — shipped CUDA kernel of the fused exponential-integrator step (gdk_cuda.h:
 * gdk_cuda_ei_step_f32; gddim-spec.md Eq. 5.1). One pass, 4*(k+2) bytes per element (+4 with noise).
 * The per-element arithmetic is src/common/ei_step_math.h, shared with the CPU kernel (bit-identical
 * rounding with --fmad=false). This is lab variant 0 of dev/ei_step.cu (grid-stride, one element per
 * thread per iteration; coefficients and eps pointers passed by value in a kernel parameter struct).
 */
#include <cuda_runtime.h>

#include "../common/ei_step_args.h"
#include "gdk_cuda.h"

namespace {

struct EiArgs {
    gdk_ei_coef cf;
    const float *eps[GDK_MAX_EPS];
};

template <int K, bool NOISY>
__global__ void ei_step_kernel0(int64_t n, float *u_out, const float *u, const float *z, EiArgs args)
{
    const int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        float e[GDK_MAX_EPS];
#pragma unroll
        for (int j = 0; j < GDK_MAX_EPS; ++j) e[j] = j < K ? __ldg(args.eps[j] + i) : 0.0f;
        u_out[i] = gdk_ei_elem(&args.cf, u[i], e, K, NOISY ? __ldg(z + i) : 0.0f, NOISY);
    }
}

template <bool NOISY>
void launch(int k, unsigned blocks, cudaStream_t stream, int64_t n, float *u_out, const float *u, const float *z,
            const EiArgs &args)
{
    switch (k) {
    case 0: ei_step_kernel0<0, NOISY><<<blocks, 256, 0, stream>>>(n, u_out, u, z, args); break;
    case 1: ei_step_kernel0<1, NOISY><<<blocks, 256, 0, stream>>>(n, u_out, u, z, args); break;
    case 2: ei_step_kernel0<2, NOISY><<<blocks, 256, 0, stream>>>(n, u_out, u, z, args); break;
    case 3: ei_step_kernel0<3, NOISY><<<blocks, 256, 0, stream>>>(n, u_out, u, z, args); break;
    default: ei_step_kernel0<4, NOISY><<<blocks, 256, 0, stream>>>(n, u_out, u, z, args); break;
    }
}

} // namespace

extern "C" uint32_t gdk_cuda_version(void)
{
    return ((uint32_t)GDK_VERSION_MAJOR << 16) | ((uint32_t)GDK_VERSION_MINOR << 8) | GDK_VERSION_PATCH;
}

extern "C" gdk_status gdk_cuda_ei_step_f32(gdk_stream stream, int64_t n, float *u_out, const float *u, double a,
                                           int32_t k, const float *const *eps, const double *c, const float *z,
                                           double s)
{
    EiArgs args = {};
    const gdk_status st = gdk_ei_prepare(n, u_out, u, a, k, eps, c, z, s, &args.cf);
    if (st != GDK_OK) return st;
    if (n == 0) return GDK_OK;
    for (int j = 0; j < k; ++j) args.eps[j] = eps[j];
    // Enough blocks to fill any current GPU (132 SMs x 2048 threads / 256), capped by the work.
    const int64_t wanted = (n + 255) / 256;
    const unsigned blocks = (unsigned)(wanted < 4096 ? wanted : 4096);
    if (z != NULL)
        launch<true>(k, blocks, (cudaStream_t)stream, n, u_out, u, z, args);
    else
        launch<false>(k, blocks, (cudaStream_t)stream, n, u_out, u, z, args);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}
