/*
 * ei_step.cu — kernel lab for the fused exponential-integrator step (llm.c dev/cuda style).
 *
 * Variants:
 *   0  the shipped launcher, gdk_cuda_ei_step_f32 (src/cuda/ei_step.cu): grid-stride, 1 elem/thread/iter
 *   1  one element per thread, no grid stride (the textbook kernel), k fixed by template
 * The program checks the chosen variant against the double-precision reference (ref/ei_step_ref.c) for
 * every k and several block counts, and only then times it against cudaMemcpy device-to-device of the
 * same byte count (the bandwidth yardstick), printing GB/s.
 *
 * Build: make -C kernels-cu lab      Run (GPU needed): kernels-cu/build/dev/ei_step [variant] [n]
 */
#include <string.h>

#include "../include/gdk_cuda.h"
#include "../ref/gdk_ref.h"
#include "../src/common/ei_step_math.h"
#include "common.h"

template <int K>
__global__ void ei_step_kernel1(int64_t n, float *u_out, const float *u, gdk_ei_coef cf, const float *e0,
                                const float *e1, const float *e2, const float *e3)
{
    const int64_t i = (int64_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const float *ptrs[GDK_MAX_EPS] = {e0, e1, e2, e3};
    float e[GDK_MAX_EPS];
#pragma unroll
    for (int j = 0; j < GDK_MAX_EPS; ++j) e[j] = j < K ? ptrs[j][i] : 0.0f;
    u_out[i] = gdk_ei_elem(&cf, u[i], e, K, 0.0f, 0);
}

static void run_variant(int variant, int64_t n, float *u_out, const float *u, int k, const float *const *eps,
                        const double *c)
{
    if (variant == 0) {
        if (gdk_cuda_ei_step_f32(NULL, n, u_out, u, 1.25, k, eps, c, NULL, 0.0) != GDK_OK) {
            fprintf(stderr, "variant 0 failed: %s\n", cudaGetErrorString(cudaGetLastError()));
            exit(2);
        }
        return;
    }
    gdk_ei_coef cf = {};
    cf.a = 1.25f;
    for (int j = 0; j < k; ++j) cf.c[j] = (float)c[j];
    const unsigned blocks = (unsigned)((n + 255) / 256);
    const float *e[GDK_MAX_EPS] = {u, u, u, u};
    for (int j = 0; j < k; ++j) e[j] = eps[j];
    switch (k) {
    case 1: ei_step_kernel1<1><<<blocks, 256>>>(n, u_out, u, cf, e[0], e[1], e[2], e[3]); break;
    case 2: ei_step_kernel1<2><<<blocks, 256>>>(n, u_out, u, cf, e[0], e[1], e[2], e[3]); break;
    case 3: ei_step_kernel1<3><<<blocks, 256>>>(n, u_out, u, cf, e[0], e[1], e[2], e[3]); break;
    default: ei_step_kernel1<4><<<blocks, 256>>>(n, u_out, u, cf, e[0], e[1], e[2], e[3]); break;
    }
    LAB_CHECK(cudaGetLastError());
}

int main(int argc, char **argv)
{
    const int variant = argc > 1 ? atoi(argv[1]) : 0;
    const int64_t n = argc > 2 ? atoll(argv[2]) : (int64_t)1 << 24;
    if (!lab_has_gpu()) return 0;
    lab_step_inputs in = lab_step_inputs_make(n);
    float *h_u = in.h_u, *const *h_e = in.h_e, *d_u = in.d_u, *d_out = in.d_out;
    const float *const *d_e = in.d_e;
    float *h_out = (float *)malloc(sizeof(float) * n), *h_ref = (float *)malloc(sizeof(float) * n);
    double *scale = (double *)malloc(sizeof(double) * n);
    const double c[GDK_MAX_EPS] = {-0.75, 0.5, -0.25, 0.125};
    for (int k = 1; k <= GDK_MAX_EPS; ++k) {
        gdk_ei_step_f32_ref(n, h_ref, h_u, 1.25, k, (const float *const *)h_e, c, NULL, 0.0);
        for (int64_t i = 0; i < n; ++i) {
            scale[i] = fabs(1.25 * h_u[i]);
            for (int j = 0; j < k; ++j) scale[i] += fabs(c[j] * h_e[j][i]);
        }
        run_variant(variant, n, d_out, d_u, k, d_e, c);
        LAB_CHECK(cudaMemcpy(h_out, d_out, sizeof(float) * n, cudaMemcpyDeviceToHost));
        if (compare("lab ei_step", 1, h_out, h_ref, scale, n, 1.2e-38, (2.0 * k + 5.0) * 0x1.0p-24)) return 1;
        const double bytes = 4.0 * (k + 2) * (double)n;
        const float ms = lab_time_ms([&] { run_variant(variant, n, d_out, d_u, k, d_e, c); }, 20);
        const float ms_copy = lab_memcpy_ms(bytes);
        printf("variant %d k=%d n=%lld: %.4f ms, %.1f GB/s (memcpy D2D same bytes: %.1f GB/s, ratio %.2f)\n", variant, k,
               (long long)n, ms, bytes / ms / 1e6, bytes / ms_copy / 1e6, ms_copy / ms);
    }
    printf("OK: variant %d matches the reference for k=1..%d\n", variant, GDK_MAX_EPS);
    return 0;
}
