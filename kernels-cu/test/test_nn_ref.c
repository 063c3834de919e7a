/*
 * test_nn_ref.c — known answers of the nn references (ref/nn_ref.c), which dev/nn_ops.cu uses as the yardstick
 * of the CUDA network kernels: instance norm of a ramp, softmax rows, a transpose, a channel concat, a 2x nearest
 * upsample and a broadcast add, each against values worked out by hand (tolerance 1e-6 absolute).
 * Build and run: make -C kernels-cu test
 */
#include <math.h>

#include "check.h"
#include "nn_ref.h"

static void near(const float *got, const float *want, int n, const char *what)
{
    for (int i = 0; i < n; ++i)
        EXPECT(fabsf(got[i] - want[i]) <= 1e-6f, "%s[%d] = %.9g, want %.9g", what, i, got[i], want[i]);
}

int main(void)
{
    /* instance norm: slices {1,2,3,4} and {2,2,2,2}, channels 2: mean 2.5, var 1.25 */
    const float x[8] = {1, 2, 3, 4, 2, 2, 2, 2};
    const float sc[2] = {2, 1}, bi[2] = {0.5f, -1};
    float y[8];
    EXPECT(gdk_nn_instance_norm_f32_ref(2, 2, 4, x, sc, bi, 1e-5f, y) == GDK_OK, "status");
    const double s = 1.0 / sqrt(1.25 + (double)1e-5f); /* a constant slice gives exactly the bias */
    const float want_norm[8] = {(float)(-1.5 * s * 2 + 0.5), (float)(-0.5 * s * 2 + 0.5), (float)(0.5 * s * 2 + 0.5),
                                (float)(1.5 * s * 2 + 0.5), -1, -1, -1, -1};
    near(y, want_norm, 8, "instance_norm");
    EXPECT(gdk_nn_instance_norm_f32_ref(3, 2, 4, x, sc, bi, 0.0f, y) == GDK_ERR_INVALID_ARGUMENT, "groups not a multiple of channels");

    /* softmax of {0, ln 3} = {1/4, 3/4}; of {5, 5} = {1/2, 1/2} */
    const float sx[4] = {0, (float)log(3.0), 5, 5};
    const float want_sm[4] = {0.25f, 0.75f, 0.5f, 0.5f};
    EXPECT(gdk_nn_softmax_f32_ref(2, 2, sx, y) == GDK_OK, "status");
    near(y, want_sm, 4, "softmax");

    /* transpose of a 2x3 matrix through strided copy: dst (3,2) row-major reads src with strides (1, 3) */
    const float m[6] = {1, 2, 3, 4, 5, 6};
    const int64_t tshape[2] = {3, 2}, tsrc[2] = {1, 3}, tdst[2] = {2, 1};
    EXPECT(gdk_nn_strided_copy_f32_ref(2, tshape, tsrc, 0, m, tdst, y) == GDK_OK, "status");
    const float want_t[6] = {1, 4, 2, 5, 3, 6};
    near(y, want_t, 6, "transpose");

    /* concat on axis 1 of (1,1,2) and (1,2,2) into (1,3,2): second input lands at offset 2 with out strides */
    const float c0[2] = {1, 2}, c1[4] = {3, 4, 5, 6};
    float cat[6] = {0};
    const int64_t s0[3] = {1, 1, 2}, s1[3] = {1, 2, 2}, st0[3] = {2, 2, 1}, st1[3] = {4, 2, 1}, out_st[3] = {6, 2, 1};
    gdk_nn_strided_copy_f32_ref(3, s0, st0, 0, c0, out_st, cat);
    gdk_nn_strided_copy_f32_ref(3, s1, st1, 0, c1, out_st, cat + 2);
    near(cat, (const float[]){1, 2, 3, 4, 5, 6}, 6, "concat");

    /* 2x nearest upsample of a 2x2 plane */
    const float r[4] = {1, 2, 3, 4};
    float up[16];
    EXPECT(gdk_nn_resize_nearest_f32_ref(1, 2, 2, 2, 2, r, up) == GDK_OK, "status");
    const float want_up[16] = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
    near(up, want_up, 16, "resize");

    /* (2,3) + (3,) broadcast, and (2,3) * (2,1) */
    const float b3[3] = {10, 20, 30}, b2[2] = {2, 3};
    const int64_t shape[2] = {2, 3}, full[2] = {3, 1}, row[2] = {0, 1}, col[2] = {1, 0};
    gdk_nn_binary_f32_ref(GDK_NN_ADD, 2, shape, full, row, m, b3, y);
    near(y, (const float[]){11, 22, 33, 14, 25, 36}, 6, "add");
    gdk_nn_binary_f32_ref(GDK_NN_MUL, 2, shape, full, col, m, b2, y);
    near(y, (const float[]){2, 4, 6, 12, 15, 18}, 6, "mul");

    /* SiLU(0) = 0, sigmoid(0) = 1/2 */
    const float z[1] = {0};
    gdk_nn_unary_f32_ref(GDK_NN_SILU, 1, z, y);
    gdk_nn_unary_f32_ref(GDK_NN_SIGMOID, 1, z, y + 1);
    near(y, (const float[]){0, 0.5f}, 2, "silu/sigmoid");

    if (g_failures == 0) printf("test_nn_ref: ok\n");
    return g_failures == 0 ? 0 : 1;
}
