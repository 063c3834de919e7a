/*
 * dct2.c — shipped CPU kernel of the orthonormal 2-D DCT-II and its inverse over a batch of images (gdk.h:
 * gdk_dct2_f32; BDM's basis change, gddim-spec.md 4.1). Separable matrix products with basis tables built
 * once per call on the stack (at most 3 * 64 * 64 floats with the row-transformed image; dct2_math.h, shared
 * with CUDA): forward T = X A_w^T then Y = A_h T; inverse T = Y A_w then X = A_h^T T. Each loop is a rank-1 update over a contiguous row, so the
 * inner loop vectorises, and each output is accumulated with fmaf in increasing index order (the order the
 * CUDA kernel uses). 2 (h + w) flops per element: compute-bound for h, w >= 8. Lab: dev/dct2.cu.
 */
#include "../common/dct2_math.h"

#define SIDE GDK_DCT_MAX_SIDE

/* dst[r][l] (rows x cols) = sum_q x[r][q] * b[q][l], q < inner, accumulated in increasing q. */
GDK_CLONES static void matmul(int rows, int inner, int cols, float *restrict dst, const float *restrict x,
                              const float *restrict b)
{
    for (int r = 0; r < rows; ++r) {
        float *restrict d = dst + r * cols;
        for (int l = 0; l < cols; ++l) d[l] = 0.0f;
        for (int q = 0; q < inner; ++q) {
            const float xv = x[r * inner + q];
            const float *restrict bq = b + q * cols;
            for (int l = 0; l < cols; ++l) d[l] = fmaf(xv, bq[l], d[l]);
        }
    }
}

gdk_status gdk_dct2_f32(int64_t images, int32_t h, int32_t w, int32_t inverse, float *out, const float *in)
{
    if (images < 0 || h < 1 || w < 1 || h > SIDE || w > SIDE) return GDK_ERR_INVALID_ARGUMENT;
    if (out == NULL || in == NULL) return GDK_ERR_NULL_POINTER;
    const int64_t plane = (int64_t)h * w;
    if (images > INT64_MAX / plane) return GDK_ERR_INVALID_ARGUMENT;
    if (out != in && gdk_ranges_overlap(out, in, images * plane)) return GDK_ERR_ALIASING;
    if (images == 0) return GDK_OK;
    /* T = X R then out = L T, with R = A_w^T, L = A_h (forward) or R = A_w, L = A_h^T (inverse). */
    float left[SIDE * SIDE], right[SIDE * SIDE], t[SIDE * SIDE];
    gdk_dct_tables(left, h, right, w, inverse, 0, 1);
    for (int64_t i = 0; i < images; ++i) {
        matmul(h, w, w, t, in + i * plane, right);
        matmul(h, h, w, out + i * plane, left, t);
    }
    return GDK_OK;
}
