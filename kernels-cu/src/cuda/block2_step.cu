/*
 * block2_step.cu — shipped CUDA kernel of the fused 2x2-block step (gdk_cuda.h: gdk_cuda_block2_step_f32;
 * CLD's (x, v) update, gddim-spec.md 3 and Eq. 5.1). One pass, 4*(k+2) bytes per state element (+4 with
 * noise). The per-element arithmetic is src/common/block2_step_math.h, shared with the CPU kernel (the same
 * rounding with --fmad=false). Lab variant 0 of dev/block2_step.cu: grid-stride over the B*P (x, v) pairs,
 * one pair per thread per iteration, coefficients and eps pointers by value in a kernel parameter struct.
 */
#include <cuda_runtime.h>

#include "../common/block2_step_args.h"
#include "gdk_cuda.h"

namespace {

struct B2Args {
    gdk_b2_coef cf;
    const float *eps[GDK_MAX_EPS];
};

template <int K, bool NOISY>
__global__ void block2_step_kernel0(int64_t pairs, int64_t plane, float *u_out, const float *u, const float *z,
                                   B2Args args)
{
    const int64_t stride = (int64_t)gridDim.x * blockDim.x;
    for (int64_t p = (int64_t)blockIdx.x * blockDim.x + threadIdx.x; p < pairs; p += stride) {
        const int64_t b = p / plane, i = p - b * plane;
        const int64_t ix = b * 2 * plane + i, iv = ix + plane;
        float ex[GDK_MAX_EPS], ev[GDK_MAX_EPS];
#pragma unroll
        for (int j = 0; j < GDK_MAX_EPS; ++j) {
            ex[j] = j < K ? __ldg(args.eps[j] + ix) : 0.0f;
            ev[j] = j < K ? __ldg(args.eps[j] + iv) : 0.0f;
        }
        const float x = u[ix], v = u[iv];
        const float zx = NOISY ? __ldg(z + ix) : 0.0f, zv = NOISY ? __ldg(z + iv) : 0.0f;
        u_out[ix] = gdk_b2_row(&args.cf, 0, x, v, ex, ev, K, zx, zv, NOISY);
        u_out[iv] = gdk_b2_row(&args.cf, 1, x, v, ex, ev, K, zx, zv, NOISY);
    }
}

template <bool NOISY>
void launch(int k, unsigned blocks, cudaStream_t stream, int64_t pairs, int64_t plane, float *u_out, const float *u,
            const float *z, const B2Args &args)
{
    switch (k) {
    case 0: block2_step_kernel0<0, NOISY><<<blocks, 256, 0, stream>>>(pairs, plane, u_out, u, z, args); break;
    case 1: block2_step_kernel0<1, NOISY><<<blocks, 256, 0, stream>>>(pairs, plane, u_out, u, z, args); break;
    case 2: block2_step_kernel0<2, NOISY><<<blocks, 256, 0, stream>>>(pairs, plane, u_out, u, z, args); break;
    case 3: block2_step_kernel0<3, NOISY><<<blocks, 256, 0, stream>>>(pairs, plane, u_out, u, z, args); break;
    default: block2_step_kernel0<4, NOISY><<<blocks, 256, 0, stream>>>(pairs, plane, u_out, u, z, args); break;
    }
}

} // namespace

extern "C" gdk_status gdk_cuda_block2_step_f32(gdk_stream stream, int64_t batch, int64_t plane, float *u_out,
                                               const float *u, const double *a, int32_t k, const float *const *eps,
                                               const double *c, const float *z, const double *s)
{
    B2Args args = {};
    int64_t n = 0;
    const gdk_status st = gdk_b2_prepare(batch, plane, u_out, u, a, k, eps, c, z, s, &n, &args.cf);
    if (st != GDK_OK) return st;
    if (n == 0) return GDK_OK;
    for (int j = 0; j < k; ++j) args.eps[j] = eps[j];
    const int64_t pairs = n / 2;
    const int64_t wanted = (pairs + 255) / 256;
    const unsigned blocks = (unsigned)(wanted < 4096 ? wanted : 4096);
    if (z != NULL)
        launch<true>(k, blocks, (cudaStream_t)stream, pairs, plane, u_out, u, z, args);
    else
        launch<false>(k, blocks, (cudaStream_t)stream, pairs, plane, u_out, u, z, args);
    return cudaPeekAtLastError() == cudaSuccess ? GDK_OK : GDK_ERR_CUDA;
}
