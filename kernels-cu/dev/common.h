/*
 * common.h — helpers for the kernel lab (dev/<op>.cu): CUDA checks for lab programs (they may exit; the
 * library never does), seeded fills, the comparison helper of the C tests, and an honest timer:
 * CUDA events, an L2 flush (cudaMemset over 2x the L2 size) before every repeat, GB/s next to the time.
 */
#ifndef GDK_DEV_COMMON_H
#define GDK_DEV_COMMON_H

#include <cuda_runtime.h>
#include <stdio.h>
#include <stdlib.h>

#include "../test/check.h"
#include "gdk.h" /* GDK_MAX_EPS */

#define LAB_CHECK(call)                                                                            \
    do {                                                                                           \
        cudaError_t err_ = (call);                                                                 \
        if (err_ != cudaSuccess) {                                                                 \
            fprintf(stderr, "%s:%d: %s: %s\n", __FILE__, __LINE__, #call, cudaGetErrorString(err_)); \
            exit(2);                                                                               \
        }                                                                                          \
    } while (0)

/* Device copy of a host array. */
static inline float *lab_upload(const float *host, int64_t n)
{
    float *dev = NULL;
    LAB_CHECK(cudaMalloc(&dev, sizeof(float) * (size_t)(n > 0 ? n : 1)));
    LAB_CHECK(cudaMemcpy(dev, host, sizeof(float) * (size_t)n, cudaMemcpyHostToDevice));
    return dev;
}

/* Mean milliseconds of `launch` over `repeats` runs, each after an L2 flush, timed with events. */
template <typename F>
static float lab_time_ms(F launch, int repeats)
{
    int device = 0, l2 = 0;
    LAB_CHECK(cudaGetDevice(&device));
    LAB_CHECK(cudaDeviceGetAttribute(&l2, cudaDevAttrL2CacheSize, device));
    void *flush = NULL;
    LAB_CHECK(cudaMalloc(&flush, (size_t)l2 * 2));
    cudaEvent_t start, stop;
    LAB_CHECK(cudaEventCreate(&start));
    LAB_CHECK(cudaEventCreate(&stop));
    float total = 0.0f;
    for (int r = 0; r < repeats; ++r) {
        LAB_CHECK(cudaMemset(flush, r & 0xff, (size_t)l2 * 2));
        LAB_CHECK(cudaEventRecord(start));
        launch();
        LAB_CHECK(cudaEventRecord(stop));
        LAB_CHECK(cudaEventSynchronize(stop));
        float ms = 0.0f;
        LAB_CHECK(cudaEventElapsedTime(&ms, start, stop));
        total += ms;
    }
    LAB_CHECK(cudaFree(flush));
    LAB_CHECK(cudaEventDestroy(start));
    LAB_CHECK(cudaEventDestroy(stop));
    return total / (float)repeats;
}

/* Whether a GPU is present; prints "SKIP: no GPU" if not (a lab program then exits 0). */
static inline bool lab_has_gpu(void)
{
    int devices = 0;
    if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) {
        printf("SKIP: no GPU\n");
        return false;
    }
    return true;
}

/* The inputs of a fused-step lab, n elements each: u and GDK_MAX_EPS eps buffers, seeded normals (u seed 1, eps_j
 * seed 10 + j) on the host and on the device, and a device output buffer. */
struct lab_step_inputs {
    float *h_u, *h_e[GDK_MAX_EPS];
    const float *d_e[GDK_MAX_EPS];
    float *d_u, *d_out;
};

static inline lab_step_inputs lab_step_inputs_make(int64_t n)
{
    lab_step_inputs in;
    in.h_u = (float *)malloc(sizeof(float) * n);
    fill_normal(in.h_u, n, 1);
    for (int j = 0; j < GDK_MAX_EPS; ++j) {
        in.h_e[j] = (float *)malloc(sizeof(float) * n);
        fill_normal(in.h_e[j], n, 10 + j);
        in.d_e[j] = lab_upload(in.h_e[j], n);
    }
    in.d_u = lab_upload(in.h_u, n);
    LAB_CHECK(cudaMalloc(&in.d_out, sizeof(float) * n));
    return in;
}

/* The yardstick of a step moving `bytes`: mean ms of a cudaMemcpy device-to-device of bytes / 2 (half read, half
 * written), timed like the kernel. */
static inline float lab_memcpy_ms(double bytes)
{
    float *d_big = NULL, *d_big2 = NULL;
    const size_t half = (size_t)(bytes / 2);
    LAB_CHECK(cudaMalloc(&d_big, half));
    LAB_CHECK(cudaMalloc(&d_big2, half));
    const float ms = lab_time_ms([&] { LAB_CHECK(cudaMemcpy(d_big2, d_big, half, cudaMemcpyDeviceToDevice)); }, 20);
    LAB_CHECK(cudaFree(d_big));
    LAB_CHECK(cudaFree(d_big2));
    return ms;
}

#endif /* GDK_DEV_COMMON_H */
