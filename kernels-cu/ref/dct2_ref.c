/* dct2_ref.c — reference of gdk_dct2_f32 (gdk.h): the orthonormal 2-D DCT-II Y[p][q] = sum_{n,m} A_h[p][n]
 * X[n][m] A_w[q][m] (or its inverse X[n][m] = sum_{p,q} A_h[p][n] Y[p][q] A_w[q][m]) as a direct double sum
 * with the basis in double, each output rounded to float once. O((h w)^2) per image; in place is fine
 * (each image is read into a double copy first). */
#include <math.h>
#include <stdlib.h>

#include "gdk_ref.h"

static double basis(int n, int q, int p)
{
    return (q == 0 ? sqrt(1.0 / n) : sqrt(2.0 / n)) * cos(3.14159265358979323846 * (2 * p + 1) * q / (2.0 * n));
}

gdk_status gdk_dct2_f32_ref(int64_t images, int32_t h, int32_t w, int32_t inverse, float *out, const float *in)
{
    if (images < 0 || h < 1 || w < 1 || h > GDK_DCT_MAX_SIDE || w > GDK_DCT_MAX_SIDE) return GDK_ERR_INVALID_ARGUMENT;
    double *x = malloc(sizeof(double) * (size_t)(h * w + h * h + w * w));
    if (x == NULL) return GDK_ERR_INVALID_ARGUMENT;
    double *bh = x + h * w, *bw = bh + h * h; /* bh[q * h + p] = A_h[q][p] */
    for (int q = 0; q < h; ++q)
        for (int p = 0; p < h; ++p) bh[q * h + p] = basis(h, q, p);
    for (int q = 0; q < w; ++q)
        for (int p = 0; p < w; ++p) bw[q * w + p] = basis(w, q, p);
    for (int64_t img = 0; img < images; ++img) {
        const float *src = in + img * h * w;
        float *dst = out + img * h * w;
        for (int i = 0; i < h * w; ++i) x[i] = src[i];
        for (int r = 0; r < h; ++r) {
            for (int c = 0; c < w; ++c) {
                double sum = 0;
                for (int n = 0; n < h; ++n)
                    for (int m = 0; m < w; ++m)
                        sum += inverse ? bh[n * h + r] * x[n * w + m] * bw[m * w + c]
                                       : bh[r * h + n] * x[n * w + m] * bw[c * w + m];
                dst[r * w + c] = (float)sum;
            }
        }
    }
    free(x);
    return GDK_OK;
}
