/*
 * dct2_math.h — the orthonormal DCT-II basis and the summation order of the 2-D transform (gdk.h
 * gdk_dct2_f32; gddim-spec.md 4.1), shared by src/cpu/dct2.c and src/cuda/dct2.cu:
 *     A_N[q][p] = c_q cos(pi (2p + 1) q / (2N)), c_0 = sqrt(1/N), c_q = sqrt(2/N), computed in double and
 *     rounded to float once; every output is a sum acc = fmaf(x_0, b_0, 0), acc = fmaf(x_1, b_1, acc), ...
 *     in increasing index order (rows first, then columns), so the CPU and CUDA kernels round identically.
 */
#ifndef GDK_DCT2_MATH_H
#define GDK_DCT2_MATH_H

#include <math.h>

#include "gdk_common.h"

#define GDK_PI 3.14159265358979323846

/* A_N[q][p], float32. */
GDK_HD float gdk_dct_basis(int n, int q, int p)
{
    const double scale = q == 0 ? sqrt(1.0 / n) : sqrt(2.0 / n);
    return (float)(scale * cos(GDK_PI * (double)((2 * p + 1) * q) / (2.0 * n)));
}

/*
 * The two factors of the separable transform, out = L (X R): forward L = A_h, R = A_w^T; inverse L = A_h^T,
 * R = A_w. left is h x h, right is w x w, row-major. Filled by threads first, first + stride, ...
 */
GDK_HD void gdk_dct_tables(float *left, int h, float *right, int w, int inverse, int first, int stride)
{
    for (int i = first; i < h * h; i += stride)
        left[i] = inverse ? gdk_dct_basis(h, i % h, i / h) : gdk_dct_basis(h, i / h, i % h);
    for (int i = first; i < w * w; i += stride)
        right[i] = inverse ? gdk_dct_basis(w, i / w, i % w) : gdk_dct_basis(w, i % w, i / w);
}

#endif /* GDK_DCT2_MATH_H */
