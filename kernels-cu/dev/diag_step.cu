/*
 * diag_step.cu — kernel lab for the fused diagonal (per-frequency) step (BDM; llm.c dev/cuda style).
 *
 * Variants:
 *   0  the shipped launcher, gdk_cuda_diag_step_f32 (src/cuda/diag_step.cu): 1-D grid-stride, coefficient
 *      index l = i mod m by a 64-bit remainder, table through the read-only cache
 *   1  2-D grid (period blocks x rows): no remainder, no grid stride, k fixed by template
 * The program uploads the float coefficient table, checks the chosen variant against the double-precision
 * reference (ref/diag_step_ref.c, fed the same float-rounded coefficients) for every k, then times it against
 * cudaMemcpy device-to-device of the same byte count, printing GB/s.
 *
 * Build: make -C kernels-cu lab      Run (GPU needed): kernels-cu/build/dev/diag_step [variant] [rows] [m]
 */
#include "../include/gdk_cuda.h"
#include "../ref/gdk_ref.h"
#include "../src/common/diag_step_math.h"
#include "common.h"

template <int K>
__global__ void diag_step_kernel1(int64_t m, float *u_out, const float *u, const float *coef, const float *e0,
                                  const float *e1, const float *e2, const float *e3)
{
    const int64_t l = (int64_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (l >= m) return;
    const int64_t i = (int64_t)blockIdx.y * m + l;
    const float *ptrs[GDK_MAX_EPS] = {e0, e1, e2, e3};
    float c[GDK_MAX_EPS], e[GDK_MAX_EPS];
#pragma unroll
    for (int j = 0; j < GDK_MAX_EPS; ++j) {
        c[j] = j < K ? coef[(j + 1) * m + l] : 0.0f;
        e[j] = j < K ? ptrs[j][i] : 0.0f;
    }
    u_out[i] = gdk_diag_elem(coef[l], u[i], c, e, K, 0.0f, 0.0f, 0);
}

static void run_variant(int variant, int64_t rows, int64_t m, float *u_out, const float *u, int k,
                        const float *const *eps, const float *coef)
{
    if (variant == 0) {
        if (gdk_cuda_diag_step_f32(NULL, rows * m, m, u_out, u, k, eps, coef, NULL) != GDK_OK) {
            fprintf(stderr, "variant 0 failed: %s\n", cudaGetErrorString(cudaGetLastError()));
            exit(2);
        }
        return;
    }
    const dim3 grid((unsigned)((m + 255) / 256), (unsigned)rows);
    const float *e[GDK_MAX_EPS] = {u, u, u, u};
    for (int j = 0; j < k; ++j) e[j] = eps[j];
    switch (k) {
    case 1: diag_step_kernel1<1><<<grid, 256>>>(m, u_out, u, coef, e[0], e[1], e[2], e[3]); break;
    case 2: diag_step_kernel1<2><<<grid, 256>>>(m, u_out, u, coef, e[0], e[1], e[2], e[3]); break;
    case 3: diag_step_kernel1<3><<<grid, 256>>>(m, u_out, u, coef, e[0], e[1], e[2], e[3]); break;
    default: diag_step_kernel1<4><<<grid, 256>>>(m, u_out, u, coef, e[0], e[1], e[2], e[3]); break;
    }
    LAB_CHECK(cudaGetLastError());
}

int main(int argc, char **argv)
{
    const int variant = argc > 1 ? atoi(argv[1]) : 0;
    const int64_t rows = argc > 2 ? atoll(argv[2]) : 3 * 512;
    const int64_t m = argc > 3 ? atoll(argv[3]) : 32 * 32;
    const int64_t n = rows * m;
    if (!lab_has_gpu()) return 0;
    lab_step_inputs in = lab_step_inputs_make(n);
    float *h_u = in.h_u, *const *h_e = in.h_e, *d_u = in.d_u, *d_out = in.d_out;
    const float *const *d_e = in.d_e;
    float *h_out = (float *)malloc(sizeof(float) * n), *h_ref = (float *)malloc(sizeof(float) * n);
    double *scale = (double *)malloc(sizeof(double) * n);
    double *table = (double *)malloc(sizeof(double) * (GDK_MAX_EPS + 2) * m); /* rows a, c_0..c_3, s */
    float *ftable = (float *)malloc(sizeof(float) * (GDK_MAX_EPS + 2) * m);
    for (int64_t i = 0; i < (GDK_MAX_EPS + 2) * m; ++i) { /* float-representable, so ref and kernel see the same */
        ftable[i] = (float)(i < m ? 0.5 + 0.001 * (double)(i % 997) : 0.25 - 0.0005 * (double)(i % 991));
        table[i] = ftable[i];
    }
    for (int k = 1; k <= GDK_MAX_EPS; ++k) {
        /* the device table for this k: rows a, c_0 .. c_{k-1} (s unused without noise) */
        float *d_coef = lab_upload(ftable, (k + 2) * m);
        gdk_diag_step_f32_ref(n, m, h_ref, h_u, table, k, (const float *const *)h_e, table + m, NULL, NULL);
        for (int64_t i = 0; i < n; ++i) {
            const int64_t l = i % m;
            scale[i] = fabs(table[l] * h_u[i]);
            for (int j = 0; j < k; ++j) scale[i] += fabs(table[(j + 1) * m + l] * h_e[j][i]);
        }
        run_variant(variant, rows, m, d_out, d_u, k, d_e, d_coef);
        LAB_CHECK(cudaMemcpy(h_out, d_out, sizeof(float) * n, cudaMemcpyDeviceToHost));
        if (compare("lab diag_step", 1, h_out, h_ref, scale, n, 1.2e-38, (2.0 * k + 5.0) * 0x1.0p-24)) return 1;
        const double bytes = 4.0 * (k + 2) * (double)n;
        const float ms = lab_time_ms([&] { run_variant(variant, rows, m, d_out, d_u, k, d_e, d_coef); }, 20);
        const float ms_copy = lab_memcpy_ms(bytes);
        printf("variant %d k=%d rows=%lld m=%lld: %.4f ms, %.1f GB/s (memcpy D2D same bytes: %.1f GB/s, ratio %.2f)\n",
               variant, k, (long long)rows, (long long)m, ms, bytes / ms / 1e6, bytes / ms_copy / 1e6, ms_copy / ms);
        LAB_CHECK(cudaFree(d_coef));
    }
    printf("OK: variant %d matches the reference for k=1..%d\n", variant, GDK_MAX_EPS);
    return 0;
}
