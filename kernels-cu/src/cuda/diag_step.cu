/*
 * diag_step.cu — shipped CUDA kernel of the fused diagonal step (gdk_cuda.h: gdk_cuda_diag_step_f32; BDM's
 * per-frequency update in the DCT basis, gddim-spec.md 4.4). One pass, 4*(k+2) bytes per element (+4 with
 * noise); the (k+2) m float coefficient table is device memory, read through the read-only cache (it is
 * small and shared by every row). The per-element arithmetic is src/common/diag_step_math.h, shared with
 * the CPU kernel. Lab variant 0 of dev/diag_step.cu: grid-stride, one element per thread per iteration.
 */
#include <cuda_runtime.h>

#include "../common/diag_step_args.h"
#include "gdk_cuda.h"

namespace {

struct DiagArgs {
    const float *eps[GDK_MAX_EPS];
};

template <int K, bool NOISY>
__global__ void diag_step_kernel0(int64_t n, int64_t m, float *u_out, const float *u, const float *coef,
                                  const float *z, DiagArgs args)
{
    const int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        const int64_t l = i % m;
        float c[GDK_MAX_EPS], e[GDK_MAX_EPS];
#pragma unroll
        for (int j = 0; j < GDK_MAX_EPS; ++j) {
            c[j] = j < K ? __ldg(coef + (j + 1) * m + l) : 0.0f;
            e[j] = j < K ? __ldg(args.eps[j] + i) : 0.0f;
        }
        const float s = NOISY ? __ldg(coef + (K + 1) * m + l) : 0.0f;
        u_out[i] = gdk_diag_elem(__ldg(coef + l), u[i], c, e, K, s, NOISY ? __ldg(z + i) : 0.0f, NOISY);
    }
}

template <bool NOISY>
void launch(int k, unsigned blocks, cudaStream_t stream, int64_t n, int64_t m, float *u_out, const float *u,
            const float *coef, const float *z, const DiagArgs &args)
{
    switch (k) {
    case 0: diag_step_kernel0<0, NOISY><<<blocks, 256, 0, stream>>>(n, m, u_out, u, coef, z, args); break;
    case 1: diag_step_kernel0<1, NOISY><<<blocks, 256, 0, stream>>>(n, m, u_out, u, coef, z, args); break;
    case 2: diag_step_kernel0<2, NOISY><<<blocks, 256, 0, stream>>>(n, m, u_out, u, coef, z, args); break;
    case 3: diag_step_kernel0<3, NOISY><<<blocks, 256, 0, stream>>>(n, m, u_out, u, coef, z, args); break;
    default: diag_step_kernel0<4, NOISY><<<blocks, 256, 0, stream>>>(n, m, u_out, u, coef, z, args); break;
    }
}

} // namespace

extern "C" gdk_status gdk_cuda_diag_step_f32(gdk_stream stream, int64_t n, int64_t m, float *u_out, const float *u,
                                             int32_t k, const float *const *eps, const float *coef, const float *z)
{
    const gdk_status st = gdk_diag_check_buffers(n, m, u_out, u, k, eps, z);
    if (st != GDK_OK) return st;
    if (coef == NULL) return GDK_ERR_NULL_POINTER;
    if (n == 0) return GDK_OK;
    DiagArgs args = {};
    for (int j = 0; j < k; ++j) args.eps[j] = eps[j];
    const int64_t wanted = (n + 255) / 256;
    const unsigned blocks = (unsigned)(wanted < 4096 ? wanted : 4096);
    if (z != NULL)
        launch<true>(k, blocks, (cudaStream_t)stream, n, m, u_out, u, coef, z, args);
    else
        launch<false>(k, blocks, (cudaStream_t)stream, n, m, u_out, u, coef, z, args);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}
