/*
 * philox_normal.c — shipped CPU kernel of gdk_philox_normal_f32 (gdk.h): the engine's counter-based normal
 * noise, one Philox block per 4 elements (src/common/philox_math.h). Writes 4 bytes per element; the cost is
 * the arithmetic (10 Philox rounds and two log/sqrt/cos/sin per 4 normals), not memory.
 */
#include <math.h>

#include "../common/philox_math.h"

gdk_status gdk_philox_normal_f32(int64_t batch, int64_t dim, uint64_t seed, uint32_t stream, uint64_t first_sample,
                                 float *out)
{
    if (batch < 0 || dim < 1 || dim > ((int64_t)1 << 34)) return GDK_ERR_INVALID_ARGUMENT;
    if (out == NULL && batch > 0) return GDK_ERR_NULL_POINTER;
    for (int64_t b = 0; b < batch; ++b) {
        float *row = out + b * dim;
        for (int64_t e = 0; e < dim; e += 4) {
            float z[4];
            gdk_philox_normals4(seed, stream, first_sample + (uint64_t)b, (uint32_t)(e / 4), z);
            const int64_t n = dim - e < 4 ? dim - e : 4;
            for (int64_t j = 0; j < n; ++j) row[e + j] = z[j];
        }
    }
    return GDK_OK;
}
