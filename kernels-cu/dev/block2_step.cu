/*
 * block2_step.cu — kernel lab for the fused 2x2-block step (CLD; llm.c dev/cuda style).
 *
 * Variants:
 *   0  the shipped launcher, gdk_cuda_block2_step_f32 (src/cuda/block2_step.cu): 1-D grid-stride over the
 *      B*P (x, v) pairs, sample and plane index by one 64-bit division per pair
 *   1  2-D grid (plane blocks x samples), no division and no grid stride, k fixed by template
 * The program checks the chosen variant against the double-precision reference (ref/block2_step_ref.c) for
 * every k, then times it against cudaMemcpy device-to-device of the same byte count, printing GB/s.
 *
 * Build: make -C kernels-cu lab      Run (GPU needed): kernels-cu/build/dev/block2_step [variant] [batch] [plane]
 */
#include "../include/gdk_cuda.h"
#include "../ref/gdk_ref.h"
#include "../src/common/block2_step_args.h"
#include "common.h"

template <int K>
__global__ void block2_step_kernel1(int64_t plane, float *u_out, const float *u, gdk_b2_coef cf, const float *e0,
                                   const float *e1, const float *e2, const float *e3)
{
    const int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= plane) return;
    const int64_t ix = (int64_t)blockIdx.y * 2 * plane + i, iv = ix + plane;
    const float *ptrs[GDK_MAX_EPS] = {e0, e1, e2, e3};
    float ex[GDK_MAX_EPS], ev[GDK_MAX_EPS];
#pragma unroll
    for (int j = 0; j < GDK_MAX_EPS; ++j) {
        ex[j] = j < K ? ptrs[j][ix] : 0.0f;
        ev[j] = j < K ? ptrs[j][iv] : 0.0f;
    }
    const float x = u[ix], v = u[iv];
    u_out[ix] = gdk_b2_row(&cf, 0, x, v, ex, ev, K, 0.0f, 0.0f, 0);
    u_out[iv] = gdk_b2_row(&cf, 1, x, v, ex, ev, K, 0.0f, 0.0f, 0);
}

static const double A[4] = {0.9, 0.1, -0.05, 0.8};

static void run_variant(int variant, int64_t batch, int64_t plane, float *u_out, const float *u, int k,
                        const float *const *eps, const double *c)
{
    if (variant == 0) {
        if (gdk_cuda_block2_step_f32(NULL, batch, plane, u_out, u, A, k, eps, c, NULL, NULL) != GDK_OK) {
            fprintf(stderr, "variant 0 failed: %s\n", cudaGetErrorString(cudaGetLastError()));
            exit(2);
        }
        return;
    }
    gdk_b2_coef cf;
    int64_t n = 0;
    if (gdk_b2_prepare(batch, plane, u_out, u, A, k, eps, c, NULL, NULL, &n, &cf) != GDK_OK) exit(2);
    const dim3 grid((unsigned)((plane + 255) / 256), (unsigned)batch);
    const float *e[GDK_MAX_EPS] = {u, u, u, u};
    for (int j = 0; j < k; ++j) e[j] = eps[j];
    switch (k) {
    case 1: block2_step_kernel1<1><<<grid, 256>>>(plane, u_out, u, cf, e[0], e[1], e[2], e[3]); break;
    case 2: block2_step_kernel1<2><<<grid, 256>>>(plane, u_out, u, cf, e[0], e[1], e[2], e[3]); break;
    case 3: block2_step_kernel1<3><<<grid, 256>>>(plane, u_out, u, cf, e[0], e[1], e[2], e[3]); break;
    default: block2_step_kernel1<4><<<grid, 256>>>(plane, u_out, u, cf, e[0], e[1], e[2], e[3]); break;
    }
    LAB_CHECK(cudaGetLastError());
}

int main(int argc, char **argv)
{
    const int variant = argc > 1 ? atoi(argv[1]) : 0;
    const int64_t batch = argc > 2 ? atoll(argv[2]) : 256;
    const int64_t plane = argc > 3 ? atoll(argv[3]) : 3 * 32 * 32;
    const int64_t n = batch * 2 * plane;
    if (!lab_has_gpu()) return 0;
    lab_step_inputs in = lab_step_inputs_make(n);
    float *h_u = in.h_u, *const *h_e = in.h_e, *d_u = in.d_u, *d_out = in.d_out;
    const float *const *d_e = in.d_e;
    float *h_out = (float *)malloc(sizeof(float) * n), *h_ref = (float *)malloc(sizeof(float) * n);
    double *scale = (double *)malloc(sizeof(double) * n);
    const double c[4 * GDK_MAX_EPS] = {-0.75, 0.1, 0.2, 0.5, 0.5, -0.2, 0.1, -0.25, -0.25, 0.05, 0.3, 0.125, 0.125, 0, 0.01, -0.1};
    for (int k = 1; k <= GDK_MAX_EPS; ++k) {
        gdk_block2_step_f32_ref(batch, plane, h_ref, h_u, A, k, (const float *const *)h_e, c, NULL, NULL);
        for (int64_t i = 0; i < n; ++i) { /* a loose common scale: every term bounded by |coef| |value| */
            const int64_t p = i % (2 * plane) < plane ? i % (2 * plane) : i % (2 * plane) - plane;
            const int64_t base = i - i % (2 * plane);
            scale[i] = 2.0 * (fabs(h_u[base + p]) + fabs(h_u[base + plane + p]));
            for (int j = 0; j < k; ++j) scale[i] += 8.0 * (fabs(h_e[j][base + p]) + fabs(h_e[j][base + plane + p]));
        }
        run_variant(variant, batch, plane, d_out, d_u, k, d_e, c);
        LAB_CHECK(cudaMemcpy(h_out, d_out, sizeof(float) * n, cudaMemcpyDeviceToHost));
        if (compare("lab block2_step", 1, h_out, h_ref, scale, n, 1.2e-38, (4.0 * k + 9.0) * 0x1.0p-24)) return 1;
        const double bytes = 4.0 * (k + 2) * (double)n;
        const float ms = lab_time_ms([&] { run_variant(variant, batch, plane, d_out, d_u, k, d_e, c); }, 20);
        const float ms_copy = lab_memcpy_ms(bytes);
        printf("variant %d k=%d B=%lld P=%lld: %.4f ms, %.1f GB/s (memcpy D2D same bytes: %.1f GB/s, ratio %.2f)\n",
               variant, k, (long long)batch, (long long)plane, ms, bytes / ms / 1e6, bytes / ms_copy / 1e6, ms_copy / ms);
    }
    printf("OK: variant %d matches the reference for k=1..%d\n", variant, GDK_MAX_EPS);
    return 0;
}
