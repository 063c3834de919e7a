/* gdk_plan.c — loading, validating and running .gdkplan files on the CPU (gdk_plan.h; format in docs/c-abi.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdk_plan.h"
#include "gdk_plan_impl.h"

/* ---- little-endian reading with bounds checks ---------------------------------------------------------------- */

typedef struct {
    const uint8_t *p;
    size_t left;
    int bad; /* set once a read runs past the end */
} cursor;

static uint32_t rd_u32(cursor *c)
{
    if (c->bad || c->left < 4) {
        c->bad = 1;
        return 0;
    }
    const uint8_t *p = c->p;
    c->p += 4;
    c->left -= 4;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd_u64(cursor *c)
{
    const uint64_t lo = rd_u32(c);
    return lo | (uint64_t)rd_u32(c) << 32;
}

static int32_t rd_i32(cursor *c) { return (int32_t)rd_u32(c); }

static double rd_f64(cursor *c)
{
    const uint64_t bits = rd_u64(c);
    double x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

static const uint8_t *rd_bytes(cursor *c, size_t n)
{
    if (c->bad || c->left < n) {
        c->bad = 1;
        return NULL;
    }
    const uint8_t *p = c->p;
    c->p += n;
    c->left -= n;
    return p;
}

/* CRC32C (Castagnoli, reflected polynomial 0x82F63B78), bitwise: plans are small and this keeps no tables. */
static uint32_t crc32c(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; ++i) {
        crc ^= p[i];
        for (int b = 0; b < 8; ++b) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}

static size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Reads n finite doubles into out; 0 if any is not finite (or the payload ends). */
static int rd_doubles(cursor *c, double *out, int64_t n, int finite)
{
    for (int64_t i = 0; i < n; ++i) {
        out[i] = rd_f64(c);
        if (finite && !isfinite(out[i])) return 0;
    }
    return !c->bad;
}

/* ---- loading ---------------------------------------------------------------------------------------------------- */

#define EVAL_BYTES 48 /* fixed part of an eval record, then 3 coefficient arrays */
#define STEP_BYTES 48 /* fixed part of a step record, then psi, k c arrays and s if noisy */

static gdk_status parse(const uint8_t *payload, size_t size, gdk_plan **out)
{
    cursor c = {payload, size, 0};
    gdk_plan_info in;
    memset(&in, 0, sizeof in);
    in.structure = rd_i32(&c);
    in.coef_length = rd_i32(&c);
    in.readout = rd_i32(&c);
    in.planes = rd_i32(&c);
    in.state_rank = rd_i32(&c);
    in.data_rank = rd_i32(&c);
    for (int i = 0; i < GDK_PLAN_MAX_RANK; ++i) in.state_dims[i] = rd_i32(&c);
    for (int i = 0; i < GDK_PLAN_MAX_RANK; ++i) in.data_dims[i] = rd_i32(&c);
    in.num_buffers = rd_i32(&c);
    in.num_ops = rd_i32(&c);
    in.num_evals = rd_i32(&c);
    in.num_steps = rd_i32(&c);
    in.grid_points = rd_i32(&c);
    const uint32_t flags = rd_u32(&c);
    in.stochastic = (int32_t)(flags & 1u);
    in.t_max = rd_f64(&c);
    in.t_min = rd_f64(&c);
    in.prior_std[0] = rd_f64(&c);
    in.prior_std[1] = rd_f64(&c);
    const uint32_t method_len = rd_u32(&c), process_len = rd_u32(&c);
    if (c.bad) return GDK_ERR_PLAN_CORRUPT;

    /* Sizes, each bounded by what the payload can hold so nothing below can overflow. */
    if (in.structure < GDK_PLAN_SCALAR || in.structure > GDK_PLAN_DIAGONAL || in.readout < 0 || in.readout > 2
        || in.planes < 1 || in.planes > 2 || in.state_rank < 1 || in.state_rank > GDK_PLAN_MAX_RANK
        || in.data_rank < 1 || in.data_rank > GDK_PLAN_MAX_RANK || in.num_buffers < 1
        || in.num_buffers > GDK_PLAN_MAX_BUFFERS || in.num_ops < 1 || in.num_evals < 0 || in.num_steps < 1
        || (uint64_t)in.num_ops * EVAL_BYTES > size || in.grid_points < 2 || (uint64_t)in.grid_points * 8 > size
        || in.coef_length < 1 || (uint64_t)in.coef_length * 8 > size || method_len > size || process_len > size)
        return GDK_ERR_PLAN_CORRUPT;
    in.state_size = 1;
    in.data_size = 1;
    for (int i = 0; i < in.state_rank; ++i) {
        if (in.state_dims[i] < 1 || in.state_size > (INT64_C(1) << 40) / in.state_dims[i]) return GDK_ERR_PLAN_CORRUPT;
        in.state_size *= in.state_dims[i];
    }
    for (int i = 0; i < in.data_rank; ++i) {
        if (in.data_dims[i] < 1 || in.data_size > (INT64_C(1) << 40) / in.data_dims[i]) return GDK_ERR_PLAN_CORRUPT;
        in.data_size *= in.data_dims[i];
    }
    const int32_t want_coef = in.structure == GDK_PLAN_SCALAR ? 1 : in.structure == GDK_PLAN_BLOCK2 ? 4 : in.coef_length;
    if (in.coef_length != want_coef || in.state_size != in.planes * in.data_size
        || (in.structure == GDK_PLAN_BLOCK2 && in.planes != 2) || (in.structure != GDK_PLAN_BLOCK2 && in.planes != 1)
        || (in.structure == GDK_PLAN_DIAGONAL && in.state_size % in.coef_length != 0)
        || (in.readout == GDK_PLAN_READ_FIRST_PLANE) != (in.planes == 2)
        || !isfinite(in.t_max) || !isfinite(in.t_min) || !(in.t_min < in.t_max) || !isfinite(in.prior_std[0])
        || !(in.prior_std[0] > 0) || (in.planes == 2 && !(isfinite(in.prior_std[1]) && in.prior_std[1] > 0)))
        return GDK_ERR_PLAN_CORRUPT;
    if (in.readout == GDK_PLAN_READ_INVERSE_DCT) {
        const int32_t h = in.data_rank >= 2 ? in.data_dims[in.data_rank - 2] : 1, w = in.data_dims[in.data_rank - 1];
        if (h > GDK_DCT_MAX_SIDE || w > GDK_DCT_MAX_SIDE) return GDK_ERR_PLAN_CORRUPT;
    }
    if (in.planes == 1) in.prior_std[1] = NAN;

    /* Count the doubles first (a dry pass over the op records), then allocate once. */
    const uint8_t *names = rd_bytes(&c, pad8(method_len));
    const uint8_t *pnames = rd_bytes(&c, pad8(process_len));
    if (c.bad) return GDK_ERR_PLAN_CORRUPT;
    const cursor grid_at = c;
    if (!rd_bytes(&c, (size_t)in.grid_points * 8)) return GDK_ERR_PLAN_CORRUPT;
    const cursor ops_at = c;
    const size_t L = (size_t)in.coef_length;
    size_t doubles = (size_t)in.grid_points;
    for (int32_t i = 0; i < in.num_ops; ++i) {
        const int32_t kind = rd_i32(&c);
        size_t arrays;
        if (kind == GDK_PLAN_OP_EVAL) {
            arrays = 3;
            rd_bytes(&c, EVAL_BYTES - 4);
        } else if (kind == GDK_PLAN_OP_STEP) {
            rd_bytes(&c, 8);
            const int32_t k = rd_i32(&c);
            rd_bytes(&c, 4 * GDK_MAX_EPS);
            const int32_t noisy = rd_i32(&c);
            rd_bytes(&c, STEP_BYTES - 20 - 4 * GDK_MAX_EPS);
            if (k < 0 || k > GDK_MAX_EPS || (noisy != 0 && noisy != 1)) return GDK_ERR_PLAN_CORRUPT;
            arrays = 1 + (size_t)k + (size_t)noisy;
        } else {
            return GDK_ERR_PLAN_CORRUPT;
        }
        if (c.bad || c.left / 8 / L < arrays) return GDK_ERR_PLAN_CORRUPT;
        rd_bytes(&c, arrays * L * 8);
        doubles += arrays * L;
    }
    if (c.bad || c.left != 0) return GDK_ERR_PLAN_CORRUPT;

    const size_t bytes = sizeof(gdk_plan) + (size_t)in.num_ops * sizeof(gdk_plan_op)
                         + (size_t)in.num_evals * sizeof(int32_t) + 8 + doubles * sizeof(double) + method_len
                         + process_len + 2;
    uint8_t *block = calloc(1, bytes);
    if (!block) return GDK_ERR_OUT_OF_MEMORY;
    gdk_plan *plan = (gdk_plan *)block;
    plan->ops = (gdk_plan_op *)(block + sizeof(gdk_plan));
    plan->eval_ops = (int32_t *)(plan->ops + in.num_ops);
    double *d = (double *)(block + pad8((size_t)((uint8_t *)(plan->eval_ops + in.num_evals) - block)));
    char *text = (char *)(d + doubles);
    memcpy(text, names, method_len);
    memcpy(text + method_len + 1, pnames, process_len);
    in.method = text;
    in.process = text + method_len + 1;

    gdk_status st = GDK_ERR_PLAN_CORRUPT;
    c = grid_at;
    in.grid = d;
    if (!rd_doubles(&c, d, in.grid_points, 1)) goto fail;
    d += in.grid_points;
    c = ops_at;
    int32_t evals = 0, steps = 0, noisy_steps = 0;
    for (int32_t i = 0; i < in.num_ops; ++i) {
        gdk_plan_op *op = &plan->ops[i];
        op->kind = rd_i32(&c);
        op->alpha = op->sigma = op->rho = NAN;
        op->eval_index = -1;
        if (op->kind == GDK_PLAN_OP_EVAL) {
            op->src = rd_i32(&c);
            op->dst = rd_i32(&c);
            op->eval_index = rd_i32(&c);
            op->t = rd_f64(&c);
            op->alpha = rd_f64(&c);
            op->sigma = rd_f64(&c);
            op->rho = rd_f64(&c);
            if (op->eval_index != evals || evals >= in.num_evals || op->src == op->dst || !isfinite(op->t)) goto fail;
            plan->eval_ops[evals++] = i;
            op->mean_map = d;
            op->covariance = d + L;
            op->frame = d + 2 * L;
            if (!rd_doubles(&c, d, 3 * (int64_t)L, 0)) goto fail;
            d += 3 * L;
        } else {
            op->dst = rd_i32(&c);
            op->src = rd_i32(&c);
            op->k = rd_i32(&c);
            for (int j = 0; j < GDK_MAX_EPS; ++j) op->terms[j] = rd_i32(&c);
            op->has_noise = rd_i32(&c);
            op->noise_stream = rd_u32(&c);
            op->t = rd_f64(&c);
            if (!isfinite(op->t)) goto fail;
            for (int j = 0; j < op->k; ++j)
                if (op->terms[j] < 0 || op->terms[j] >= in.num_buffers || op->terms[j] == op->dst) goto fail;
            op->psi = d;
            op->c = d + L;
            const int64_t arrays = 1 + op->k + op->has_noise;
            if (!rd_doubles(&c, d, arrays * (int64_t)L, 1)) goto fail;
            op->s = op->has_noise ? d + (1 + op->k) * L : NULL;
            d += arrays * L;
            steps++;
            noisy_steps += op->has_noise;
        }
        if (op->src < 0 || op->src >= in.num_buffers || op->dst < 0 || op->dst >= in.num_buffers) goto fail;
    }
    if (c.bad || evals != in.num_evals || steps != in.num_steps || (noisy_steps > 0) != (in.stochastic != 0)) goto fail;
    plan->info = in;
    *out = plan;
    return GDK_OK;
fail:
    free(block);
    return st;
}

gdk_status gdk_plan_load(const void *bytes, size_t size, gdk_plan **plan)
{
    if (!plan) return GDK_ERR_NULL_POINTER;
    *plan = NULL;
    if (!bytes) return GDK_ERR_NULL_POINTER;
    static const uint8_t magic[8] = {'G', 'D', 'K', 'P', 'L', 'A', 'N', 0};
    if (size < 8 || memcmp(bytes, magic, 8) != 0) return size < 8 ? GDK_ERR_PLAN_TRUNCATED : GDK_ERR_PLAN_MAGIC;
    if (size < GDK_PLAN_HEADER_BYTES) return GDK_ERR_PLAN_TRUNCATED;
    cursor h = {(const uint8_t *)bytes + 8, GDK_PLAN_HEADER_BYTES - 8, 0};
    const uint32_t version = rd_u32(&h), header = rd_u32(&h);
    const uint64_t payload = rd_u64(&h);
    const uint32_t crc = rd_u32(&h);
    if (version != GDK_PLAN_FORMAT_VERSION) return GDK_ERR_PLAN_VERSION;
    if (header != GDK_PLAN_HEADER_BYTES) return GDK_ERR_PLAN_CORRUPT;
    if (payload != size - GDK_PLAN_HEADER_BYTES) return GDK_ERR_PLAN_TRUNCATED;
    const uint8_t *p = (const uint8_t *)bytes + GDK_PLAN_HEADER_BYTES;
    if (crc32c(p, (size_t)payload) != crc) return GDK_ERR_PLAN_CHECKSUM;
    return parse(p, (size_t)payload, plan);
}

gdk_status gdk_plan_load_file(const char *path, gdk_plan **plan)
{
    if (!plan) return GDK_ERR_NULL_POINTER;
    *plan = NULL;
    if (!path) return GDK_ERR_NULL_POINTER;
    FILE *f = fopen(path, "rb");
    if (!f) return GDK_ERR_PLAN_IO;
    gdk_status st = GDK_ERR_PLAN_IO;
    uint8_t *buf = NULL;
    long n;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc(n > 0 ? (size_t)n : 1);
        if (!buf) st = GDK_ERR_OUT_OF_MEMORY;
        else if (fread(buf, 1, (size_t)n, f) == (size_t)n) st = gdk_plan_load(buf, (size_t)n, plan);
    }
    free(buf);
    fclose(f);
    return st;
}

void gdk_plan_free(gdk_plan *plan) { free(plan); }

gdk_status gdk_plan_get_info(const gdk_plan *plan, gdk_plan_info *info)
{
    if (!plan || !info) return GDK_ERR_NULL_POINTER;
    *info = plan->info;
    return GDK_OK;
}

int32_t gdk_plan_num_ops(const gdk_plan *plan) { return plan ? plan->info.num_ops : 0; }
int32_t gdk_plan_num_steps(const gdk_plan *plan) { return plan ? plan->info.num_steps : 0; }
int32_t gdk_plan_num_evals(const gdk_plan *plan) { return plan ? plan->info.num_evals : 0; }

gdk_status gdk_plan_get_op(const gdk_plan *plan, int32_t i, gdk_plan_op *op)
{
    if (!plan || !op) return GDK_ERR_NULL_POINTER;
    if (i < 0 || i >= plan->info.num_ops) return GDK_ERR_INVALID_ARGUMENT;
    *op = plan->ops[i];
    return GDK_OK;
}

gdk_status gdk_plan_eval_time(const gdk_plan *plan, int32_t e, gdk_plan_op *op)
{
    if (!plan || !op) return GDK_ERR_NULL_POINTER;
    if (e < 0 || e >= plan->info.num_evals) return GDK_ERR_INVALID_ARGUMENT;
    *op = plan->ops[plan->eval_ops[e]];
    return GDK_OK;
}

/* ---- running ------------------------------------------------------------------------------------------------------ */

gdk_status gdk_plan_step(const gdk_plan *plan, int32_t i, const gdk_plan_state *state)
{
    if (!plan || !state || !state->buffers) return GDK_ERR_NULL_POINTER;
    const gdk_plan_info *in = &plan->info;
    if (i < 0 || i >= in->num_ops || state->batch < 0 || state->batch > INT64_MAX / in->state_size)
        return GDK_ERR_INVALID_ARGUMENT;
    const gdk_plan_op *op = &plan->ops[i];
    if (op->kind != GDK_PLAN_OP_STEP) return GDK_ERR_PLAN_OP_KIND;
    const int64_t n = state->batch * in->state_size;
    float *dst = state->buffers[op->dst];
    const float *src = state->buffers[op->src];
    const float *eps[GDK_MAX_EPS] = {NULL};
    for (int j = 0; j < op->k; ++j)
        if (!(eps[j] = state->buffers[op->terms[j]])) return GDK_ERR_NULL_POINTER;
    if (!dst || !src) return GDK_ERR_NULL_POINTER;
    const float *z = NULL;
    if (op->has_noise) {
        if (!state->noise) return GDK_ERR_NULL_POINTER;
        const gdk_status st = gdk_philox_normal_f32(state->batch, in->state_size, state->seed, op->noise_stream,
                                                    state->first_sample, state->noise);
        if (st != GDK_OK) return st;
        z = state->noise;
    }
    switch (in->structure) {
    case GDK_PLAN_SCALAR: {
        double c[GDK_MAX_EPS] = {0};
        for (int j = 0; j < op->k; ++j) c[j] = op->c[j];
        return gdk_ei_step_f32(n, dst, src, op->psi[0], op->k, eps, c, z, op->has_noise ? op->s[0] : 0.0);
    }
    case GDK_PLAN_BLOCK2:
        return gdk_block2_step_f32(state->batch, in->state_size / 2, dst, src, op->psi, op->k, eps, op->c, z, op->s);
    default:
        return gdk_diag_step_f32(n, in->coef_length, dst, src, op->psi, op->k, eps, op->c, z, op->s);
    }
}

gdk_status gdk_plan_diag_table_f32(const gdk_plan *plan, int32_t i, float *table, int32_t *rows)
{
    if (!plan || !table || !rows) return GDK_ERR_NULL_POINTER;
    if (i < 0 || i >= plan->info.num_ops) return GDK_ERR_INVALID_ARGUMENT;
    const gdk_plan_op *op = &plan->ops[i];
    if (op->kind != GDK_PLAN_OP_STEP) return GDK_ERR_PLAN_OP_KIND;
    if (plan->info.structure != GDK_PLAN_DIAGONAL) return GDK_ERR_INVALID_ARGUMENT;
    const int64_t m = plan->info.coef_length;
    for (int64_t l = 0; l < m; ++l) {
        table[l] = (float)op->psi[l];
        for (int j = 0; j < op->k; ++j) table[(1 + j) * m + l] = (float)op->c[j * m + l];
        table[(1 + op->k) * m + l] = op->has_noise ? (float)op->s[l] : 0.0f;
    }
    *rows = op->k + 2;
    return GDK_OK;
}

gdk_status gdk_plan_prior_f32(const gdk_plan *plan, int64_t batch, const float *z, float *u)
{
    if (!plan || !z || !u) return GDK_ERR_NULL_POINTER;
    const gdk_plan_info *in = &plan->info;
    if (batch < 0 || batch > INT64_MAX / in->state_size) return GDK_ERR_INVALID_ARGUMENT;
    const float std[2] = {(float)in->prior_std[0], (float)in->prior_std[1]};
    for (int64_t b = 0; b < batch; ++b)
        for (int64_t e = 0; e < in->state_size; ++e) {
            const int64_t i = b * in->state_size + e;
            u[i] = z[i] * std[e / in->data_size];
        }
    return GDK_OK;
}

gdk_status gdk_plan_readout_f32(const gdk_plan *plan, int64_t batch, const float *u, float *data)
{
    if (!plan || !u || !data) return GDK_ERR_NULL_POINTER;
    const gdk_plan_info *in = &plan->info;
    if (batch < 0 || batch > INT64_MAX / in->state_size) return GDK_ERR_INVALID_ARGUMENT;
    const size_t state_bytes = (size_t)(batch * in->state_size) * 4, data_bytes = (size_t)(batch * in->data_size) * 4;
    const char *ub = (const char *)u, *db = (const char *)data;
    if (batch > 0 && ub < db + data_bytes && db < ub + state_bytes) return GDK_ERR_ALIASING;
    switch (in->readout) {
    case GDK_PLAN_READ_INVERSE_DCT: {
        const int32_t h = in->data_rank >= 2 ? in->data_dims[in->data_rank - 2] : 1, w = in->data_dims[in->data_rank - 1];
        return gdk_dct2_f32(batch * in->data_size / ((int64_t)h * w), h, w, 1, data, u);
    }
    default: /* the data are the first data_size elements of each state (all of it for READ_STATE) */
        for (int64_t b = 0; b < batch; ++b)
            memcpy(data + b * in->data_size, u + b * in->state_size, (size_t)in->data_size * 4);
        return GDK_OK;
    }
}
