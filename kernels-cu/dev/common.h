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

#endif /* GDK_DEV_COMMON_H */
