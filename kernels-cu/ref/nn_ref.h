/*
 * nn_ref.h — scalar references of the gdk_nn.h ops (same arguments minus the stream, _ref suffix, HOST
 * pointers). Reductions accumulate in double; elementwise ops use src/common/nn_math.h. Linked into the C tests
 * and the lab only (dev/nn_ops.cu compares every CUDA launcher against these).
 */
#ifndef GDK_NN_REF_H
#define GDK_NN_REF_H

#include "gdk_nn.h"

#ifdef __cplusplus
extern "C" {
#endif

gdk_status gdk_nn_unary_f32_ref(int32_t op, int64_t n, const float *x, float *y);
gdk_status gdk_nn_binary_f32_ref(int32_t op, int32_t rank, const int64_t *shape, const int64_t *a_strides,
                                 const int64_t *b_strides, const float *a, const float *b, float *out);
gdk_status gdk_nn_axpby_f32_ref(int64_t n, float alpha, const float *x, float beta, const float *y, float *out);
gdk_status gdk_nn_instance_norm_f32_ref(int64_t groups, int64_t channels, int64_t len, const float *x,
                                        const float *scale, const float *bias, float eps, float *y);
gdk_status gdk_nn_softmax_f32_ref(int64_t rows, int64_t cols, const float *x, float *y);
gdk_status gdk_nn_strided_copy_f32_ref(int32_t rank, const int64_t *shape, const int64_t *src_strides,
                                       int64_t src_offset, const float *src, const int64_t *dst_strides, float *dst);
gdk_status gdk_nn_resize_nearest_f32_ref(int64_t planes, int64_t h, int64_t w, int64_t scale_h, int64_t scale_w,
                                         const float *x, float *y);

#ifdef __cplusplus
}
#endif

#endif /* GDK_NN_REF_H */
