/*
 * gmm_eps.cu — kernel lab for the exact GMM eps on the device (llm.c dev/cuda style).
 *
 * Variants:
 *   0  the shipped launcher, gdk_cuda_gmm_eps_f32 (src/cuda/gmm_eps.cu): one thread per sample, double maths
 * Checks the device result against the CPU kernel (itself tested against the dense-Cholesky reference) to
 * float rounding, then times it and prints samples/s.
 *
 * Build: make -C kernels-cu lab      Run (GPU needed): kernels-cu/build/dev/gmm_eps [batch] [d] [k]
 */
#include "../include/gdk_cuda.h"
#include "common.h"

template <typename T>
static T *upload(const T *h, size_t n)
{
    T *d = NULL;
    LAB_CHECK(cudaMalloc(&d, sizeof(T) * (n ? n : 1)));
    LAB_CHECK(cudaMemcpy(d, h, sizeof(T) * n, cudaMemcpyHostToDevice));
    return d;
}

int main(int argc, char **argv)
{
    const int64_t batch = argc > 1 ? atoll(argv[1]) : 65536;
    const int d = argc > 2 ? atoi(argv[2]) : 8, k = argc > 3 ? atoi(argv[3]) : 5;
    if (!lab_has_gpu()) return 0;
    double *mean = (double *)malloc(sizeof(double) * k * d), *basis = (double *)calloc((size_t)k * d * d, sizeof(double));
    double *inv = (double *)malloc(sizeof(double) * k * d), *lognorm = (double *)malloc(sizeof(double) * k);
    double *work = (double *)malloc(sizeof(double) * (k + 2 * d));
    float *u = (float *)malloc(sizeof(float) * batch * d), *cpu = (float *)malloc(sizeof(float) * batch * d);
    float *gpu = (float *)malloc(sizeof(float) * batch * d);
    for (int c = 0; c < k; ++c) {
        lognorm[c] = -log((double)k);
        for (int j = 0; j < d; ++j) {
            mean[c * d + j] = 0.3 * (c - j % 3);
            inv[c * d + j] = 1.0 / (0.1 + 0.05 * j);
            basis[((int64_t)c * d + j) * d + j] = 1.0; /* identity bases exercise the full-covariance path */
        }
    }
    fill_normal(u, batch * d, 3);
    gdk_gmm_eps_f32(batch, d, k, u, mean, basis, inv, lognorm, 0.7, work, cpu);
    double *d_mean = upload(mean, (size_t)k * d), *d_basis = upload(basis, (size_t)k * d * d);
    double *d_inv = upload(inv, (size_t)k * d), *d_lognorm = upload(lognorm, (size_t)k), *d_work = NULL;
    float *d_u = upload(u, (size_t)batch * d), *d_eps = NULL;
    LAB_CHECK(cudaMalloc(&d_work, sizeof(double) * batch * (k + 2 * d)));
    LAB_CHECK(cudaMalloc(&d_eps, sizeof(float) * batch * d));
    auto run = [&] { gdk_cuda_gmm_eps_f32(NULL, batch, d, k, d_u, d_mean, d_basis, d_inv, d_lognorm, 0.7, d_work, d_eps); };
    run();
    LAB_CHECK(cudaMemcpy(gpu, d_eps, sizeof(float) * batch * d, cudaMemcpyDeviceToHost));
    int64_t bad = 0;
    for (int64_t i = 0; i < batch * d; ++i)
        if (fabsf(gpu[i] - cpu[i]) > 1e-6f * (1 + fabsf(cpu[i]))) ++bad;
    printf("device vs CPU kernel: %lld of %lld beyond 1e-6 relative\n", (long long)bad, (long long)(batch * d));
    if (bad) return 1;
    const float ms = lab_time_ms(run, 10);
    printf("variant 0: batch %lld, d %d, k %d: %.3f ms, %.1f M samples/s\n", (long long)batch, d, k, ms, batch / ms / 1e3);
    return 0;
}
