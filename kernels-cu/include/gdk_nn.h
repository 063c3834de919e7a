/*
 * gdk_nn.h — the network ops of the engine's GPU ONNX executor that cuDNN (Conv) and cuBLAS (Gemm/MatMul)
 * do not cover (libgdk_cuda.so; same conventions as gdk_cuda.h):
 *   - float32 only; tensors are dense row-major (NCHW for images), DEVICE pointers;
 *   - shape and stride arrays (int64_t, in ELEMENTS, rank <= GDK_NN_MAX_RANK) live in HOST memory and are
 *     read before the call returns, so every call can be captured into a CUDA graph;
 *   - every launch is asynchronous on `stream`; nothing allocates or synchronises the host;
 *   - returns GDK_ERR_NULL_POINTER / GDK_ERR_INVALID_ARGUMENT for bad arguments (nothing launched) and
 *     GDK_ERR_CUDA when the launch fails (the CUDA error stays readable through cudaGetLastError()).
 * Scalar references with the same arguments (minus the stream) are in ref/nn_ref.h; lab: dev/nn_ops.cu.
 */
#ifndef GDK_NN_H
#define GDK_NN_H

#include "gdk_cuda.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GDK_NN_MAX_RANK 6

/* Unary ops of gdk_nn_unary_f32 (ONNX op in brackets). */
#define GDK_NN_IDENTITY   0 /* [Identity] y = x */
#define GDK_NN_SIGMOID    1 /* [Sigmoid] 1 / (1 + exp(-x)) */
#define GDK_NN_SILU       2 /* [Mul(x, Sigmoid(x))] x / (1 + exp(-x)) */
#define GDK_NN_SIN        3 /* [Sin] */
#define GDK_NN_COS        4 /* [Cos] */
#define GDK_NN_EXP        5 /* [Exp] */
#define GDK_NN_LOG        6 /* [Log] */
#define GDK_NN_SQRT       7 /* [Sqrt] */
#define GDK_NN_RECIPROCAL 8 /* [Reciprocal] */
#define GDK_NN_NEG        9 /* [Neg] */
#define GDK_NN_TANH       10 /* [Tanh] */
#define GDK_NN_RELU       11 /* [Relu] */
#define GDK_NN_ABS        12 /* [Abs] */
#define GDK_NN_UNARY_COUNT 13

/* Binary ops of gdk_nn_binary_f32. */
#define GDK_NN_ADD 0 /* [Add] a + b */
#define GDK_NN_SUB 1 /* [Sub] a - b */
#define GDK_NN_MUL 2 /* [Mul] a * b */
#define GDK_NN_DIV 3 /* [Div] a / b */
#define GDK_NN_POW 4 /* [Pow] powf(a, b) */
#define GDK_NN_BINARY_COUNT 5

/*
 * gdk_nn_unary_f32 — y[i] = op(x[i]) for i < n. y may equal x (in place).
 */
GDK_API gdk_status gdk_nn_unary_f32(gdk_stream stream, int32_t op, int64_t n, const float *x, float *y);

/*
 * gdk_nn_binary_f32 — out = a op b with numpy broadcasting, written as: for every index vector i of `shape`
 * (the OUTPUT shape, rank dims), out[row-major(i)] = a[sum_k i_k a_strides[k]] op b[sum_k i_k b_strides[k]];
 * a stride of 0 broadcasts that operand along dimension k. out may equal a or b only where that operand is
 * read with the output's own row-major strides (an elementwise update).
 */
GDK_API gdk_status gdk_nn_binary_f32(gdk_stream stream, int32_t op, int32_t rank, const int64_t *shape,
                                     const int64_t *a_strides, const int64_t *b_strides, const float *a,
                                     const float *b, float *out);

/*
 * gdk_nn_axpby_f32 — out[i] = alpha x[i] + beta y[i] for i < n (float32 arithmetic, no FMA). out may equal x
 * or y. Converts x0/EDM/v outputs into eps at the executor's edge.
 */
GDK_API gdk_status gdk_nn_axpby_f32(gdk_stream stream, int64_t n, float alpha, const float *x, float beta,
                                    const float *y, float *out);

/* gdk_nn_fill_f32 — out[i] = value for i < n (the time input of a batch). */
GDK_API gdk_status gdk_nn_fill_f32(gdk_stream stream, int64_t n, float value, float *out);

/*
 * gdk_nn_instance_norm_f32 — ONNX InstanceNormalization over x of shape (groups / channels, channels, len):
 * for each slice g < groups (g = n * channels + c) of len contiguous floats,
 *   y = scale[c] * (x - mean) / sqrt(var + eps) + bias[c],   mean/var = biased moments of the slice,
 * accumulated in double. GroupNorm as exported by PyTorch is Reshape(N, G, -1) + this with channels = G.
 * scale, bias: (channels). y may equal x. One block per slice.
 */
GDK_API gdk_status gdk_nn_instance_norm_f32(gdk_stream stream, int64_t groups, int64_t channels, int64_t len,
                                            const float *x, const float *scale, const float *bias, float eps,
                                            float *y);

/*
 * gdk_nn_softmax_f32 — y[r, :] = exp(x[r, :] - max) / sum over each of rows rows of cols contiguous floats
 * (ONNX Softmax on the last axis; attention). y may equal x. One block per row.
 */
GDK_API gdk_status gdk_nn_softmax_f32(gdk_stream stream, int64_t rows, int64_t cols, const float *x, float *y);

/*
 * gdk_nn_strided_copy_f32 — for every index vector i of `shape` (rank dims):
 *   dst[sum_k i_k dst_strides[k]] = src[src_offset + sum_k i_k src_strides[k]].
 * Transpose (permuted source strides), Concat (each input into its slice of the output: output strides,
 * destination pointer advanced to the slice), Slice (offset and stepped strides). dst must not overlap src.
 */
GDK_API gdk_status gdk_nn_strided_copy_f32(gdk_stream stream, int32_t rank, const int64_t *shape,
                                           const int64_t *src_strides, int64_t src_offset, const float *src,
                                           const int64_t *dst_strides, float *dst);

/*
 * gdk_nn_resize_nearest_f32 — ONNX Resize, mode nearest, coordinate_transformation_mode asymmetric, nearest_mode
 * floor, integer scales: x (planes, h, w) -> y (planes, h * scale_h, w * scale_w),
 * y[p, i, j] = x[p, i / scale_h, j / scale_w]. planes = N * C. scale_h, scale_w >= 1. y must not overlap x.
 */
GDK_API gdk_status gdk_nn_resize_nearest_f32(gdk_stream stream, int64_t planes, int64_t h, int64_t w,
                                             int64_t scale_h, int64_t scale_w, const float *x, float *y);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* GDK_NN_H */
