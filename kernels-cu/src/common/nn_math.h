/*
 * nn_math.h — the per-element arithmetic of gdk_nn_unary_f32 and gdk_nn_binary_f32 (gdk_nn.h), shared by the
 * CUDA kernels (src/cuda/nn_elementwise.cu) and the scalar references (ref/nn_ref.c) so both evaluate the same
 * float32 expressions (the CUDA math library's expf/sinf/... differ from glibc's by a few ulp; tests allow that).
 */
#ifndef GDK_NN_MATH_H
#define GDK_NN_MATH_H

#include <math.h>

#include "gdk_common.h"
#include "gdk_nn.h"

GDK_HD float gdk_nn_unary_elem(int op, float x)
{
    switch (op) {
    case GDK_NN_SIGMOID: return 1.0f / (1.0f + expf(-x));
    case GDK_NN_SILU: return x / (1.0f + expf(-x));
    case GDK_NN_SIN: return sinf(x);
    case GDK_NN_COS: return cosf(x);
    case GDK_NN_EXP: return expf(x);
    case GDK_NN_LOG: return logf(x);
    case GDK_NN_SQRT: return sqrtf(x);
    case GDK_NN_RECIPROCAL: return 1.0f / x;
    case GDK_NN_NEG: return -x;
    case GDK_NN_TANH: return tanhf(x);
    case GDK_NN_RELU: return x > 0.0f ? x : 0.0f;
    case GDK_NN_ABS: return fabsf(x);
    default: return x;
    }
}

GDK_HD float gdk_nn_binary_elem(int op, float a, float b)
{
    switch (op) {
    case GDK_NN_SUB: return a - b;
    case GDK_NN_MUL: return a * b;
    case GDK_NN_DIV: return a / b;
    case GDK_NN_POW: return powf(a, b);
    default: return a + b;
    }
}

/* Strides of a broadcast/strided op, passed by value to the kernels. */
typedef struct gdk_nn_index {
    int32_t rank;
    int64_t shape[GDK_NN_MAX_RANK];
    int64_t s0[GDK_NN_MAX_RANK]; /* first operand's (or the source's) strides */
    int64_t s1[GDK_NN_MAX_RANK]; /* second operand's (or the destination's) strides */
} gdk_nn_index;

/* The offsets of row-major linear index i of `shape` under strides s0 and s1. */
GDK_HD void gdk_nn_offsets(const gdk_nn_index *ix, int64_t i, int64_t *o0, int64_t *o1)
{
    int64_t a = 0, b = 0;
    for (int k = ix->rank - 1; k >= 0; --k) {
        const int64_t d = ix->shape[k];
        const int64_t q = i % d;
        i /= d;
        a += q * ix->s0[k];
        b += q * ix->s1[k];
    }
    *o0 = a;
    *o1 = b;
}

#endif /* GDK_NN_MATH_H */
