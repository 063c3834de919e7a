/*
 * nn_ref.c — scalar references of the network ops of gdk_nn.h (see nn_ref.h). Obviously-correct loops:
 * moments and sums in double, one float rounding per output.
 */
#include "nn_ref.h"

#include <math.h>
#include <stddef.h>

#include "nn_math.h"

gdk_status gdk_nn_unary_f32_ref(int32_t op, int64_t n, const float *x, float *y)
{
    if (n < 0 || op < 0 || op >= GDK_NN_UNARY_COUNT) return GDK_ERR_INVALID_ARGUMENT;
    for (int64_t i = 0; i < n; ++i) y[i] = gdk_nn_unary_elem(op, x[i]);
    return GDK_OK;
}

gdk_status gdk_nn_binary_f32_ref(int32_t op, int32_t rank, const int64_t *shape, const int64_t *a_strides,
                                 const int64_t *b_strides, const float *a, const float *b, float *out)
{
    if (op < 0 || op >= GDK_NN_BINARY_COUNT || rank < 0 || rank > GDK_NN_MAX_RANK) return GDK_ERR_INVALID_ARGUMENT;
    gdk_nn_index ix = {0};
    ix.rank = rank;
    int64_t n = 1;
    for (int k = 0; k < rank; ++k) {
        ix.shape[k] = shape[k];
        ix.s0[k] = a_strides[k];
        ix.s1[k] = b_strides[k];
        n *= shape[k];
    }
    for (int64_t i = 0; i < n; ++i) {
        int64_t oa, ob;
        gdk_nn_offsets(&ix, i, &oa, &ob);
        out[i] = gdk_nn_binary_elem(op, a[oa], b[ob]);
    }
    return GDK_OK;
}

gdk_status gdk_nn_axpby_f32_ref(int64_t n, float alpha, const float *x, float beta, const float *y, float *out)
{
    for (int64_t i = 0; i < n; ++i) {
        const float ax = alpha * x[i];
        const float by = beta * y[i];
        out[i] = ax + by;
    }
    return n < 0 ? GDK_ERR_INVALID_ARGUMENT : GDK_OK;
}

gdk_status gdk_nn_instance_norm_f32_ref(int64_t groups, int64_t channels, int64_t len, const float *x,
                                        const float *scale, const float *bias, float eps, float *y)
{
    if (groups < 0 || channels <= 0 || len <= 0 || groups % channels != 0) return GDK_ERR_INVALID_ARGUMENT;
    for (int64_t g = 0; g < groups; ++g) {
        const float *xs = x + g * len;
        double mean = 0.0, var = 0.0;
        for (int64_t i = 0; i < len; ++i) mean += xs[i];
        mean /= (double)len;
        for (int64_t i = 0; i < len; ++i) var += (xs[i] - mean) * (xs[i] - mean);
        var /= (double)len;
        const double inv = 1.0 / sqrt(var + (double)eps);
        const int64_t c = g % channels;
        for (int64_t i = 0; i < len; ++i) y[g * len + i] = (float)((xs[i] - mean) * inv * scale[c] + bias[c]);
    }
    return GDK_OK;
}

gdk_status gdk_nn_softmax_f32_ref(int64_t rows, int64_t cols, const float *x, float *y)
{
    if (rows < 0 || cols <= 0) return GDK_ERR_INVALID_ARGUMENT;
    for (int64_t r = 0; r < rows; ++r) {
        const float *xr = x + r * cols;
        double max = -INFINITY, sum = 0.0;
        for (int64_t i = 0; i < cols; ++i) max = fmax(max, xr[i]);
        for (int64_t i = 0; i < cols; ++i) sum += exp(xr[i] - max);
        for (int64_t i = 0; i < cols; ++i) y[r * cols + i] = (float)(exp(xr[i] - max) / sum);
    }
    return GDK_OK;
}

gdk_status gdk_nn_strided_copy_f32_ref(int32_t rank, const int64_t *shape, const int64_t *src_strides,
                                       int64_t src_offset, const float *src, const int64_t *dst_strides, float *dst)
{
    if (rank < 0 || rank > GDK_NN_MAX_RANK || src_offset < 0) return GDK_ERR_INVALID_ARGUMENT;
    gdk_nn_index ix = {0};
    ix.rank = rank;
    int64_t n = 1;
    for (int k = 0; k < rank; ++k) {
        ix.shape[k] = shape[k];
        ix.s0[k] = src_strides[k];
        ix.s1[k] = dst_strides[k];
        n *= shape[k];
    }
    for (int64_t i = 0; i < n; ++i) {
        int64_t os, od;
        gdk_nn_offsets(&ix, i, &os, &od);
        dst[od] = src[src_offset + os];
    }
    return GDK_OK;
}

gdk_status gdk_nn_resize_nearest_f32_ref(int64_t planes, int64_t h, int64_t w, int64_t scale_h, int64_t scale_w,
                                         const float *x, float *y)
{
    if (planes < 0 || h < 0 || w < 0 || scale_h < 1 || scale_w < 1) return GDK_ERR_INVALID_ARGUMENT;
    for (int64_t p = 0; p < planes; ++p)
        for (int64_t r = 0; r < h * scale_h; ++r)
            for (int64_t j = 0; j < w * scale_w; ++j)
                y[(p * h * scale_h + r) * w * scale_w + j] = x[(p * h + r / scale_h) * w + j / scale_w];
    return GDK_OK;
}
