/*
 * philox_normal.cu — kernel lab for the counter-based normal noise (llm.c dev/cuda style).
 *
 * Variants:
 *   0  the shipped launcher, gdk_cuda_philox_normal_f32 (src/cuda/philox_normal.cu): one thread per 4 elements
 * The program checks the device output against the CPU reference (ref/philox_normal_ref.c) — equal up to at
 * most 1 float ulp where device log/cos/sin round differently — and only then times it (GB/s of output).
 *
 * Build: make -C kernels-cu lab      Run (GPU needed): kernels-cu/build/dev/philox_normal [batch] [dim]
 */
#include "../include/gdk_cuda.h"
#include "../ref/gdk_ref.h"
#include "common.h"

int main(int argc, char **argv)
{
    const int64_t batch = argc > 1 ? atoll(argv[1]) : 4096, dim = argc > 2 ? atoll(argv[2]) : 3072;
    if (!lab_has_gpu()) return 0;
    const int64_t n = batch * dim;
    float *ref = (float *)malloc(sizeof(float) * n), *got = (float *)malloc(sizeof(float) * n), *d_out = NULL;
    int64_t *d_first = NULL;
    const int64_t first = 12345;
    gdk_philox_normal_f32_ref(batch, dim, 42, 3, (uint64_t)first, ref);
    LAB_CHECK(cudaMalloc(&d_out, sizeof(float) * n));
    LAB_CHECK(cudaMalloc(&d_first, sizeof(int64_t)));
    LAB_CHECK(cudaMemcpy(d_first, &first, sizeof first, cudaMemcpyHostToDevice));
    if (gdk_cuda_philox_normal_f32(NULL, batch, dim, 42, 3, d_first, d_out) != GDK_OK) return 2;
    LAB_CHECK(cudaMemcpy(got, d_out, sizeof(float) * n, cudaMemcpyDeviceToHost));
    int64_t exact = 0, bad = 0;
    for (int64_t i = 0; i < n; ++i) {
        if (got[i] == ref[i]) ++exact;
        else if (fabsf(got[i] - ref[i]) > 2 * fabsf(nextafterf(ref[i], 2 * ref[i] + 1) - ref[i])) ++bad;
    }
    printf("device vs reference: %lld of %lld bit-identical, %lld beyond 1 ulp\n", (long long)exact, (long long)n,
           (long long)bad);
    if (bad) return 1;
    const float ms = lab_time_ms([&] { gdk_cuda_philox_normal_f32(NULL, batch, dim, 42, 3, d_first, d_out); }, 20);
    printf("variant 0: %lld normals in %.4f ms, %.1f GB/s written, %.2f Gnormals/s\n", (long long)n, ms,
           4.0 * n / ms / 1e6, n / ms / 1e6);
    return 0;
}
