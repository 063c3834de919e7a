/*
 * dct2.cu — kernel lab for the orthonormal 2-D DCT-II / inverse over a batch of images (BDM basis change;
 * llm.c dev/cuda style).
 *
 * Variants:
 *   0  the shipped launcher, gdk_cuda_dct2_f32 (src/cuda/dct2.cu): one block per image, both basis factors
 *      and the row-transformed image in dynamic shared memory
 *   1  no basis tables: each thread recomputes the basis values it needs with cos() (less shared memory,
 *      many more transcendental calls); same summation order
 * The program checks the chosen variant against the direct double-precision reference (ref/dct2_ref.c) for
 * the forward and inverse transforms, then times it and prints GB/s (8 bytes per element) and GFLOP/s
 * (2 (h + w) flops per element).
 *
 * Build: make -C kernels-cu lab      Run (GPU needed): kernels-cu/build/dev/dct2 [variant] [images] [side]
 */
#include "../include/gdk_cuda.h"
#include "../ref/gdk_ref.h"
#include "../src/common/dct2_math.h"
#include "common.h"

__global__ void dct2_kernel1(int64_t images, int h, int w, int inverse, float *out, const float *in)
{
    extern __shared__ float t[];
    const int plane = h * w;
    for (int64_t img = blockIdx.x; img < images; img += gridDim.x) {
        const float *x = in + img * plane;
        for (int idx = threadIdx.x; idx < plane; idx += blockDim.x) {
            const int r = idx / w, l = idx - r * w;
            float acc = 0.0f;
            for (int q = 0; q < w; ++q)
                acc = fmaf(x[r * w + q], inverse ? gdk_dct_basis(w, q, l) : gdk_dct_basis(w, l, q), acc);
            t[idx] = acc;
        }
        __syncthreads();
        for (int idx = threadIdx.x; idx < plane; idx += blockDim.x) {
            const int r = idx / w, l = idx - r * w;
            float acc = 0.0f;
            for (int q = 0; q < h; ++q)
                acc = fmaf(inverse ? gdk_dct_basis(h, q, r) : gdk_dct_basis(h, r, q), t[q * w + l], acc);
            out[img * plane + idx] = acc;
        }
        __syncthreads();
    }
}

static void run_variant(int variant, int64_t images, int side, int inverse, float *out, const float *in)
{
    if (variant == 0) {
        if (gdk_cuda_dct2_f32(NULL, images, side, side, inverse, out, in) != GDK_OK) {
            fprintf(stderr, "variant 0 failed: %s\n", cudaGetErrorString(cudaGetLastError()));
            exit(2);
        }
        return;
    }
    const unsigned blocks = (unsigned)(images < 65535 ? images : 65535);
    dct2_kernel1<<<blocks, 256, sizeof(float) * side * side>>>(images, side, side, inverse, out, in);
    LAB_CHECK(cudaGetLastError());
}

int main(int argc, char **argv)
{
    const int variant = argc > 1 ? atoi(argv[1]) : 0;
    const int64_t images = argc > 2 ? atoll(argv[2]) : 3 * 256;
    const int side = argc > 3 ? atoi(argv[3]) : 32;
    const int64_t n = images * side * side;
    if (!lab_has_gpu()) return 0;
    float *h_x = (float *)malloc(sizeof(float) * n), *h_out = (float *)malloc(sizeof(float) * n);
    float *h_ref = (float *)malloc(sizeof(float) * n);
    double *scale = (double *)malloc(sizeof(double) * n);
    fill_normal(h_x, n, 3);
    double rms = 0;
    for (int64_t i = 0; i < n; ++i) rms += (double)h_x[i] * h_x[i];
    for (int64_t i = 0; i < n; ++i) scale[i] = 2.0 * side * sqrt(rms / (double)n); /* >= sum |A||X||A| in practice */
    float *d_x = lab_upload(h_x, n), *d_out = NULL;
    LAB_CHECK(cudaMalloc(&d_out, sizeof(float) * n));
    const int64_t checked = images < 8 ? images : 8; /* the reference is O((h w)^2) per image */
    for (int inverse = 0; inverse <= 1; ++inverse) {
        gdk_dct2_f32_ref(checked, side, side, inverse, h_ref, h_x);
        run_variant(variant, images, side, inverse, d_out, d_x);
        LAB_CHECK(cudaMemcpy(h_out, d_out, sizeof(float) * n, cudaMemcpyDeviceToHost));
        if (compare("lab dct2", 3, h_out, h_ref, scale, checked * side * side, 1e-30, (2.0 * side + 3.0) * 0x1.0p-24)) return 1;
        const float ms = lab_time_ms([&] { run_variant(variant, images, side, inverse, d_out, d_x); }, 20);
        printf("variant %d inverse=%d %lld images %dx%d: %.4f ms, %.1f GB/s, %.1f GFLOP/s\n", variant, inverse,
               (long long)images, side, side, ms, 8.0 * n / ms / 1e6, 2.0 * (2 * side) * n / ms / 1e6);
    }
    printf("OK: variant %d matches the reference (forward and inverse)\n", variant);
    return 0;
}
