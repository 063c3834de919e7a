/*
 * nn_ops.cu — lab of the GPU ONNX executor's network kernels (gdk_nn.h). Variant 0 of every op is the shipped
 * launcher (src/cuda/nn_*.cu); each is checked against its scalar reference (ref/nn_ref.c) on seeded normal inputs
 * at the shapes of the shipped MNIST U-Net (batch 64), then timed with the L2 flushed (GB/s from the bytes moved).
 * Tolerances: unary 4 ulp-ish (atol 1e-6 + rtol 4e-7 |ref|: CUDA's expf/sinf differ from glibc by <= 2 ulp);
 * binary/copy/resize exact; norm and softmax 1e-5 relative (double accumulation in both, different order).
 * Build: make -C kernels-cu lab     Run (GPU): kernels-cu/build/dev/nn_ops
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "gdk_nn.h"
#include "nn_ref.h"

static float *host(int64_t n) { return (float *)malloc(sizeof(float) * (size_t)(n > 0 ? n : 1)); }

static float *device(int64_t n)
{
    float *d = NULL;
    LAB_CHECK(cudaMalloc(&d, sizeof(float) * (size_t)(n > 0 ? n : 1)));
    return d;
}

static void download(float *h, const float *d, int64_t n)
{
    LAB_CHECK(cudaDeviceSynchronize());
    LAB_CHECK(cudaMemcpy(h, d, sizeof(float) * (size_t)n, cudaMemcpyDeviceToHost));
}

static void check(const char *what, const float *got, const float *ref, int64_t n, double atol, double rtol)
{
    double *scale = (double *)malloc(sizeof(double) * (size_t)n);
    for (int64_t i = 0; i < n; ++i) scale[i] = fabs((double)ref[i]);
    const int64_t bad = compare(what, 1, got, ref, scale, n, atol, rtol);
    printf("%-28s n=%-9lld %s\n", what, (long long)n, bad ? "MISMATCH" : "ok");
    free(scale);
}

static void report(const char *what, float ms, double bytes)
{
    printf("%-28s %8.4f ms  %7.1f GB/s\n", what, ms, bytes / (ms * 1e-3) / 1e9);
}

int main(void)
{
    const int64_t B = 64, C = 32, H = 14, W = 14, G = 8;
    const int64_t n = B * C * H * W;
    float *hx = host(n), *hy = host(n), *hr = host(4 * n), *hg = host(4 * n), *hs = host(C), *hb = host(C);
    fill_normal(hx, n, 1);
    fill_normal(hy, n, 2);
    fill_normal(hs, C, 3);
    fill_normal(hb, C, 4);
    float *x = lab_upload(hx, n), *y = lab_upload(hy, n), *s = lab_upload(hs, C), *b = lab_upload(hb, C);
    float *out = device(4 * n);

    for (int op = 0; op < GDK_NN_UNARY_COUNT; ++op) {
        char name[64];
        snprintf(name, sizeof name, "unary op %d", op);
        for (int64_t i = 0; i < n; ++i) hg[i] = fabsf(hx[i]) + 0.1f; /* a domain valid for log, sqrt, 1/x */
        float *pos = lab_upload(hg, n);
        LAB_CHECK(gdk_nn_unary_f32(NULL, op, n, pos, out) == GDK_OK ? cudaSuccess : cudaErrorUnknown);
        gdk_nn_unary_f32_ref(op, n, hg, hr);
        download(hg, out, n);
        check(name, hg, hr, n, 1e-6, 4e-7);
        LAB_CHECK(cudaFree(pos));
    }
    /* the U-Net's broadcasts: (B,C,H,W) * (C,1,1) and (B,C,H,W) + (B,C,1,1) */
    const int64_t shape[4] = {B, C, H, W}, full[4] = {C * H * W, H * W, W, 1}, chan[4] = {0, 1, 0, 0},
                  bc[4] = {C, 1, 0, 0};
    LAB_CHECK(gdk_nn_binary_f32(NULL, GDK_NN_MUL, 4, shape, full, chan, x, s, out) == GDK_OK ? cudaSuccess : cudaErrorUnknown);
    gdk_nn_binary_f32_ref(GDK_NN_MUL, 4, shape, full, chan, hx, hs, hr);
    download(hg, out, n);
    check("binary mul (C,1,1)", hg, hr, n, 0, 0);
    LAB_CHECK(gdk_nn_binary_f32(NULL, GDK_NN_ADD, 4, shape, full, bc, x, y, out) == GDK_OK ? cudaSuccess : cudaErrorUnknown);
    gdk_nn_binary_f32_ref(GDK_NN_ADD, 4, shape, full, bc, hx, hy, hr);
    download(hg, out, n);
    check("binary add (B,C,1,1)", hg, hr, n, 0, 0);
    gdk_nn_axpby_f32(NULL, n, 1.25f, x, -0.5f, y, out);
    gdk_nn_axpby_f32_ref(n, 1.25f, hx, -0.5f, hy, hr);
    download(hg, out, n);
    check("axpby", hg, hr, n, 0, 0);
    /* GroupNorm as exported: (B, G, C/G*H*W) with channels = G */
    gdk_nn_instance_norm_f32(NULL, B * G, G, n / (B * G), x, s, b, 1e-5f, out);
    gdk_nn_instance_norm_f32_ref(B * G, G, n / (B * G), hx, hs, hb, 1e-5f, hr);
    download(hg, out, n);
    check("instance norm (GroupNorm 8)", hg, hr, n, 1e-5, 1e-5);
    gdk_nn_softmax_f32(NULL, B * C, H * W, x, out);
    gdk_nn_softmax_f32_ref(B * C, H * W, hx, hr);
    download(hg, out, n);
    check("softmax rows of 196", hg, hr, n, 1e-7, 1e-5);
    /* transpose (B, C, HW) -> (B, HW, C), as attention does */
    const int64_t tshape[3] = {B, H * W, C}, tsrc[3] = {C * H * W, 1, H * W}, tdst[3] = {C * H * W, C, 1};
    gdk_nn_strided_copy_f32(NULL, 3, tshape, tsrc, 0, x, tdst, out);
    gdk_nn_strided_copy_f32_ref(3, tshape, tsrc, 0, hx, tdst, hr);
    download(hg, out, n);
    check("strided copy (transpose)", hg, hr, n, 0, 0);
    gdk_nn_resize_nearest_f32(NULL, B * C, H, W, 2, 2, x, out);
    gdk_nn_resize_nearest_f32_ref(B * C, H, W, 2, 2, hx, hr);
    download(hg, out, 4 * n);
    check("resize nearest 2x", hg, hr, 4 * n, 0, 0);

    report("unary silu", lab_time_ms([&] { gdk_nn_unary_f32(NULL, GDK_NN_SILU, n, x, out); }, 20), 8.0 * n);
    report("binary add (B,C,1,1)",
           lab_time_ms([&] { gdk_nn_binary_f32(NULL, GDK_NN_ADD, 4, shape, full, bc, x, y, out); }, 20), 8.0 * n);
    report("instance norm", lab_time_ms([&] { gdk_nn_instance_norm_f32(NULL, B * G, G, n / (B * G), x, s, b, 1e-5f, out); }, 20),
           12.0 * n);
    report("resize nearest 2x", lab_time_ms([&] { gdk_nn_resize_nearest_f32(NULL, B * C, H, W, 2, 2, x, out); }, 20), 20.0 * n);

    cudaFree(x);
    cudaFree(y);
    cudaFree(s);
    cudaFree(b);
    cudaFree(out);
    free(hx);
    free(hy);
    free(hr);
    free(hg);
    free(hs);
    free(hb);
    if (g_failures) {
        printf("nn_ops: %d op(s) mismatched\n", g_failures);
        return 1;
    }
    printf("nn_ops: every kernel matches its reference\n");
    return 0;
}
