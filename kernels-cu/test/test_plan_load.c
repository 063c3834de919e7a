/*
 * test_plan_load.c — gdk_plan_load against plans written here from docs/c-abi.md alone (an independent writer, so the
 * document and the loader are checked against each other; bin/gddim's own files are tested by test/plan_abi.sh):
 *   - a valid 2-step scalar plan (eval, step with 2 terms, eval, noisy step) loads, its info and ops read back, and
 *     gdk_plan_step equals the direct gdk_ei_step_f32 / gdk_philox_normal_f32 calls bit for bit;
 *   - a CLD-shaped BLOCK2 plan steps like gdk_block2_step_f32, and its readout is the x plane;
 *   - each refusal has its own code: bad magic, wrong version, truncated / padded, checksum, corrupt payload
 *     (with a valid checksum), wrong op kind; NULL arguments;
 *   - fuzzing: 20000 seeded mutations (byte flips, truncations, random fields) with the checksum recomputed, so the
 *     parser itself is exercised: each returns a status, OK plans step without error (run under ASan/UBSan too).
 * Build and run: make -C kernels-cu test
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gdk_plan.h"

/* ---- a writer for the format of docs/c-abi.md ------------------------------------------------------------------ */

typedef struct {
    uint8_t *p;
    size_t n, cap;
} bytes;

static void put(bytes *b, const void *x, size_t n)
{
    if (b->n + n > b->cap) {
        b->cap = 2 * (b->n + n);
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, x, n); /* little-endian host, as the format */
    b->n += n;
}
static void u32(bytes *b, uint32_t x) { put(b, &x, 4); }
static void f64(bytes *b, double x) { put(b, &x, 8); }

static uint32_t crc32c(const uint8_t *p, size_t n) /* reference bitwise CRC32C */
{
    uint32_t crc = ~0u;
    for (size_t i = 0; i < n; ++i) {
        crc ^= p[i];
        for (int k = 0; k < 8; ++k) crc = crc & 1 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
    }
    return ~crc;
}

/* Header + payload; the CRC over the payload. */
static bytes finish(const bytes *payload)
{
    bytes f = {0};
    put(&f, "GDKPLAN", 8);
    u32(&f, 1);
    u32(&f, 32);
    uint64_t n = payload->n;
    put(&f, &n, 8);
    u32(&f, crc32c(payload->p, payload->n));
    u32(&f, 0);
    put(&f, payload->p, payload->n);
    return f;
}

static void refresh_crc(uint8_t *file, size_t size)
{
    const uint32_t c = crc32c(file + 32, size - 32);
    memcpy(file + 24, &c, 4);
}

/* The fixed part of the payload: structure, shapes, counts, times, prior, names, grid. */
static void fixed(bytes *b, int32_t structure, int32_t coef, int32_t readout, int32_t planes, int32_t d,
                  int32_t buffers, int32_t ops, int32_t evals, int32_t steps, int32_t stochastic)
{
    u32(b, structure);
    u32(b, coef);
    u32(b, readout);
    u32(b, planes);
    u32(b, planes == 2 ? 2 : 1); /* state rank */
    u32(b, 1);                   /* data rank */
    for (int i = 0; i < 8; ++i) u32(b, planes == 2 ? (i == 0 ? 2 : i == 1 ? d : 0) : (i == 0 ? d : 0));
    for (int i = 0; i < 8; ++i) u32(b, i == 0 ? d : 0);
    u32(b, buffers);
    u32(b, ops);
    u32(b, evals);
    u32(b, steps);
    u32(b, 3); /* grid points */
    u32(b, stochastic ? 1 : 0);
    f64(b, 1.0);
    f64(b, 0.001);
    f64(b, 1.0);
    f64(b, planes == 2 ? 0.5 : NAN);
    u32(b, 4); /* "test" */
    u32(b, 2); /* "vp" */
    put(b, "test\0\0\0\0", 8);
    put(b, "vp\0\0\0\0\0\0", 8);
    f64(b, 1.0);
    f64(b, 0.5);
    f64(b, 0.001);
}

static void eval(bytes *b, int32_t src, int32_t dst, int32_t index, double t, int32_t coef)
{
    u32(b, GDK_PLAN_OP_EVAL);
    u32(b, src);
    u32(b, dst);
    u32(b, index);
    f64(b, t);
    f64(b, 0.5); /* alpha */
    f64(b, 0.8); /* sigma */
    f64(b, 1.6); /* rho */
    for (int a = 0; a < 3; ++a)
        for (int i = 0; i < coef; ++i) f64(b, 0.1 * (a + 1) + i);
}

static void step(bytes *b, int32_t dst, int32_t src, int32_t k, const int32_t *terms, int32_t noisy, uint32_t stream,
                 double t, const double *coef, int32_t len)
{
    u32(b, GDK_PLAN_OP_STEP);
    u32(b, dst);
    u32(b, src);
    u32(b, k);
    for (int j = 0; j < 4; ++j) u32(b, j < k ? terms[j] : 0);
    u32(b, noisy);
    u32(b, stream);
    f64(b, t);
    for (int i = 0; i < (1 + k + noisy) * len; ++i) f64(b, coef[i]);
}

/* Scalar: eval buf1 = eps(buf0), step buf0 = 0.9 buf0 + 0.2 buf1 - 0.1 buf2, eval buf2 = eps(buf0),
 * noisy step buf0 = 1.1 buf0 + 0.3 buf2 + 0.05 z(stream 2). */
static bytes scalar_plan(void)
{
    bytes p = {0};
    fixed(&p, GDK_PLAN_SCALAR, 1, GDK_PLAN_READ_STATE, 1, 5, 3, 4, 2, 2, 1);
    const int32_t t1[2] = {1, 2}, t2[1] = {2};
    const double c1[3] = {0.9, 0.2, -0.1}, c2[3] = {1.1, 0.3, 0.05};
    eval(&p, 0, 1, 0, 1.0, 1);
    step(&p, 0, 0, 2, t1, 0, 0, 0.5, c1, 1);
    eval(&p, 0, 2, 1, 0.5, 1);
    step(&p, 0, 0, 1, t2, 1, 2, 0.001, c2, 1);
    bytes f = finish(&p);
    free(p.p);
    return f;
}

static bytes block2_plan(void)
{
    bytes p = {0};
    fixed(&p, GDK_PLAN_BLOCK2, 4, GDK_PLAN_READ_FIRST_PLANE, 2, 3, 2, 2, 1, 1, 0);
    const int32_t t1[1] = {1};
    const double c[8] = {0.9, 0.1, -0.2, 1.05, 0.3, -0.4, 0.25, 0.7};
    eval(&p, 0, 1, 0, 1.0, 4);
    step(&p, 0, 0, 1, t1, 0, 0, 0.001, c, 4);
    bytes f = finish(&p);
    free(p.p);
    return f;
}

/* DIAGONAL, m = 3 on 6-element states (period 3), read out by the inverse DCT of 1 x 6 images. */
static bytes diag_plan(void)
{
    bytes p = {0};
    fixed(&p, GDK_PLAN_DIAGONAL, 3, GDK_PLAN_READ_INVERSE_DCT, 1, 6, 2, 2, 1, 1, 0);
    const int32_t t1[1] = {1};
    const double c[6] = {0.9, 1.1, 0.7, 0.2, -0.3, 0.05};
    eval(&p, 0, 1, 0, 1.0, 3);
    step(&p, 0, 0, 1, t1, 0, 0, 0.001, c, 3);
    bytes f = finish(&p);
    free(p.p);
    return f;
}

/* ---- tests --------------------------------------------------------------------------------------------------- */

static gdk_status load(const uint8_t *p, size_t n)
{
    gdk_plan *plan = (gdk_plan *)1;
    const gdk_status st = gdk_plan_load(p, n, &plan);
    if (st == GDK_OK) gdk_plan_free(plan);
    else EXPECT(plan == NULL, "a refused load leaves *plan NULL");
    return st;
}

static void check_scalar(void)
{
    bytes f = scalar_plan();
    gdk_plan *plan = NULL;
    EXPECT(gdk_plan_load(f.p, f.n, &plan) == GDK_OK, "the valid scalar plan loads");
    if (!plan) return;
    gdk_plan_info in;
    gdk_plan_get_info(plan, &in);
    EXPECT(in.num_ops == 4 && in.num_evals == 2 && in.num_steps == 2 && in.num_buffers == 3 && in.stochastic == 1
               && in.state_size == 5 && in.data_size == 5 && !strcmp(in.method, "test") && !strcmp(in.process, "vp")
               && in.grid_points == 3 && in.grid[1] == 0.5,
           "info reads back");
    EXPECT(gdk_plan_num_ops(plan) == 4 && gdk_plan_num_steps(plan) == 2 && gdk_plan_num_evals(plan) == 2, "counters");
    gdk_plan_op op;
    EXPECT(gdk_plan_eval_time(plan, 1, &op) == GDK_OK && op.t == 0.5 && op.src == 0 && op.dst == 2 && op.sigma == 0.8
               && op.eval_index == 1,
           "eval 1 is op 2");
    EXPECT(gdk_plan_get_op(plan, 3, &op) == GDK_OK && op.kind == GDK_PLAN_OP_STEP && op.has_noise && op.noise_stream == 2
               && op.k == 1 && op.terms[0] == 2 && op.psi[0] == 1.1 && op.c[0] == 0.3 && op.s[0] == 0.05,
           "step 3 reads back");
    EXPECT(gdk_plan_get_op(plan, 4, &op) == GDK_ERR_INVALID_ARGUMENT, "op index out of range");

    enum { B = 7, N = B * 5 };
    float b0[N], b1[N], b2[N], noise[N], r0[N], rz[N];
    fill_normal(b0, N, 1);
    fill_normal(b1, N, 2);
    fill_normal(b2, N, 3);
    memcpy(r0, b0, sizeof r0);
    float *bufs[3] = {b0, b1, b2};
    gdk_plan_state st = {B, bufs, noise, 42, 100};
    EXPECT(gdk_plan_step(plan, 0, &st) == GDK_ERR_PLAN_OP_KIND, "an eval is not a step");
    EXPECT(gdk_plan_step(plan, 1, &st) == GDK_OK, "step 1 runs");
    const float *e1[2] = {b1, b2};
    const double c1[2] = {0.2, -0.1};
    gdk_ei_step_f32(N, r0, r0, 0.9, 2, e1, c1, NULL, 0.0);
    EXPECT(!memcmp(r0, b0, sizeof r0), "step 1 equals gdk_ei_step_f32 bit for bit");
    EXPECT(gdk_plan_step(plan, 3, &st) == GDK_OK, "noisy step 3 runs");
    gdk_philox_normal_f32(B, 5, 42, 2, 100, rz);
    const float *e2[1] = {b2};
    const double c2[1] = {0.3};
    gdk_ei_step_f32(N, r0, r0, 1.1, 1, e2, c2, rz, 0.05);
    EXPECT(!memcmp(r0, b0, sizeof r0), "noisy step 3 equals philox + gdk_ei_step_f32 bit for bit");
    gdk_plan_state no_noise = {B, bufs, NULL, 42, 100};
    EXPECT(gdk_plan_step(plan, 3, &no_noise) == GDK_ERR_NULL_POINTER, "a noisy step needs the noise buffer");
    EXPECT(gdk_plan_step(NULL, 1, &st) == GDK_ERR_NULL_POINTER, "NULL plan");
    float z[N], u[N];
    fill_normal(z, N, 4);
    EXPECT(gdk_plan_prior_f32(plan, B, z, u) == GDK_OK && u[3] == z[3], "prior std 1");
    gdk_plan_free(plan);
    free(f.p);
}

static void check_block2(void)
{
    bytes f = block2_plan();
    gdk_plan *plan = NULL;
    EXPECT(gdk_plan_load(f.p, f.n, &plan) == GDK_OK, "the valid block2 plan loads");
    if (!plan) return;
    enum { B = 4, N = B * 6 };
    float b0[N], b1[N], r0[N], data[B * 3], z[N];
    fill_normal(b0, N, 5);
    fill_normal(b1, N, 6);
    memcpy(r0, b0, sizeof r0);
    float *bufs[2] = {b0, b1};
    gdk_plan_state st = {B, bufs, NULL, 0, 0};
    EXPECT(gdk_plan_step(plan, 1, &st) == GDK_OK, "block2 step runs");
    const double a[4] = {0.9, 0.1, -0.2, 1.05}, c[4] = {0.3, -0.4, 0.25, 0.7};
    const float *e[1] = {b1};
    gdk_block2_step_f32(B, 3, r0, r0, a, 1, e, c, NULL, NULL);
    EXPECT(!memcmp(r0, b0, sizeof r0), "block2 step equals gdk_block2_step_f32 bit for bit");
    EXPECT(gdk_plan_readout_f32(plan, B, b0, data) == GDK_OK && data[3] == b0[6] && data[2] == b0[2], "x plane");
    fill_normal(z, N, 7);
    EXPECT(gdk_plan_prior_f32(plan, B, z, r0) == GDK_OK && r0[6] == z[6] && r0[9] == z[9] * 0.5f, "prior per plane");
    EXPECT(gdk_plan_diag_table_f32(plan, 1, data, (int32_t[]){0}) == GDK_ERR_INVALID_ARGUMENT, "no diag table");
    gdk_plan_free(plan);
    free(f.p);
}

static void check_diag(void)
{
    bytes f = diag_plan();
    gdk_plan *plan = NULL;
    EXPECT(gdk_plan_load(f.p, f.n, &plan) == GDK_OK, "the valid diagonal plan loads");
    if (!plan) return;
    enum { B = 3, N = B * 6 };
    float b0[N], b1[N], r0[N], data[N], ref[N], table[(GDK_MAX_EPS + 2) * 3];
    fill_normal(b0, N, 8);
    fill_normal(b1, N, 9);
    memcpy(r0, b0, sizeof r0);
    float *bufs[2] = {b0, b1};
    gdk_plan_state st = {B, bufs, NULL, 0, 0};
    EXPECT(gdk_plan_step(plan, 1, &st) == GDK_OK, "diagonal step runs");
    const double a[3] = {0.9, 1.1, 0.7}, c[3] = {0.2, -0.3, 0.05};
    const float *e[1] = {b1};
    gdk_diag_step_f32(N, 3, r0, r0, a, 1, e, c, NULL, NULL);
    EXPECT(!memcmp(r0, b0, sizeof r0), "diagonal step equals gdk_diag_step_f32 bit for bit");
    int32_t rows = 0;
    EXPECT(gdk_plan_diag_table_f32(plan, 1, table, &rows) == GDK_OK && rows == 3 && table[1] == 1.1f
               && table[3 + 1] == -0.3f && table[6 + 2] == 0.0f,
           "device table rows psi, c_0, s = 0");
    EXPECT(gdk_plan_readout_f32(plan, B, b0, data) == GDK_OK, "inverse DCT readout");
    gdk_dct2_f32(B, 1, 6, 1, ref, b0);
    EXPECT(!memcmp(ref, data, sizeof ref), "readout is gdk_dct2_f32 inverse");
    EXPECT(gdk_plan_readout_f32(plan, B, b0, b0) == GDK_ERR_ALIASING, "readout in place refused");
    gdk_plan_free(plan);
    free(f.p);
}

static void check_refusals(void)
{
    bytes f = scalar_plan();
    uint8_t *m = malloc(f.n + 8);
    EXPECT(load(f.p, f.n) == GDK_OK, "baseline");
#define MUTATE(expr, code, what)          \
    do {                                  \
        memcpy(m, f.p, f.n);              \
        size_t n = f.n;                   \
        expr;                             \
        const gdk_status s = load(m, n);  \
        EXPECT(s == (code), "%s: got %d (%s)", what, s, gdk_status_string(s)); \
    } while (0)
    MUTATE(m[0] = 'X', GDK_ERR_PLAN_MAGIC, "bad magic");
    MUTATE(m[8] = 2, GDK_ERR_PLAN_VERSION, "version 2");
    MUTATE(m[8] = 0, GDK_ERR_PLAN_VERSION, "version 0");
    MUTATE(n -= 8, GDK_ERR_PLAN_TRUNCATED, "truncated by 8 bytes");
    MUTATE(n = 20, GDK_ERR_PLAN_TRUNCATED, "truncated inside the header");
    MUTATE(n = 4, GDK_ERR_PLAN_TRUNCATED, "truncated inside the magic");
    MUTATE((memset(m + n, 0, 8), n += 8), GDK_ERR_PLAN_TRUNCATED, "8 trailing bytes");
    MUTATE(m[32 + 100] ^= 1, GDK_ERR_PLAN_CHECKSUM, "one bit flipped in the payload");
    MUTATE(m[24] ^= 1, GDK_ERR_PLAN_CHECKSUM, "one bit flipped in the stored CRC");
    MUTATE((m[32 + 88] = 2, refresh_crc(m, n)), GDK_ERR_PLAN_CORRUPT, "buffer table smaller than the ops use");
    MUTATE((m[32 + 0] = 7, refresh_crc(m, n)), GDK_ERR_PLAN_CORRUPT, "unknown structure");
    MUTATE((m[32 + 96] = 3, refresh_crc(m, n)), GDK_ERR_PLAN_CORRUPT, "eval count off");
    MUTATE((m[32 + 152 + 16 + 24] = 9, refresh_crc(m, n)), GDK_ERR_PLAN_CORRUPT, "unknown op kind");
    MUTATE((m[12] = 31, refresh_crc(m, n)), GDK_ERR_PLAN_CORRUPT, "header size");
    gdk_plan *p = NULL;
    EXPECT(gdk_plan_load(NULL, 10, &p) == GDK_ERR_NULL_POINTER, "NULL bytes");
    EXPECT(gdk_plan_load(f.p, f.n, NULL) == GDK_ERR_NULL_POINTER, "NULL out");
    EXPECT(gdk_plan_load_file("/nonexistent/plan.gdkplan", &p) == GDK_ERR_PLAN_IO && p == NULL, "missing file");
    EXPECT(!strcmp(gdk_status_string(GDK_ERR_PLAN_CHECKSUM), "plan checksum mismatch (the file is corrupt)"), "string");
    free(m);
    free(f.p);
}

/* Seeded mutations with a recomputed checksum: every outcome is a status; loaded plans step cleanly. */
static void fuzz(void)
{
    bytes good = scalar_plan();
    uint8_t *m = malloc(good.n);
    uint64_t st = 2026;
    int loaded = 0;
    float b[3][5 * 2], noise[5 * 2];
    for (int it = 0; it < 20000; ++it) {
        memcpy(m, good.p, good.n);
        size_t n = good.n;
        const int edits = 1 + (int)(splitmix64(&st) % 4);
        for (int e = 0; e < edits; ++e) {
            const uint64_t r = splitmix64(&st);
            const size_t at = 32 + (size_t)(r % (n - 32));
            switch ((r >> 32) % 4) {
            case 0: m[at] ^= (uint8_t)(1u << ((r >> 40) % 8)); break;
            case 1: m[at] = (uint8_t)(r >> 48); break;
            case 2: if (at + 4 <= n) memcpy(m + at, (uint32_t[]){(uint32_t)(r >> 40) % 64}, 4); break;
            default: if (n > 40) n -= 1 + (r >> 40) % 8; break;
            }
        }
        const uint64_t payload = n - 32;
        memcpy(m + 16, &payload, 8);
        refresh_crc(m, n);
        gdk_plan *plan = NULL;
        const gdk_status s = gdk_plan_load(m, n, &plan);
        EXPECT(s == GDK_OK || s == GDK_ERR_PLAN_CORRUPT, "mutation %d: status %d", it, s);
        if (s != GDK_OK) continue;
        loaded++;
        gdk_plan_info in;
        gdk_plan_get_info(plan, &in);
        if (in.state_size <= 5 && in.num_buffers <= 3) {
            memset(b, 0, sizeof b);
            float *bufs[3] = {b[0], b[1], b[2]};
            gdk_plan_state state = {2, bufs, noise, 1, 0};
            for (int32_t i = 0; i < in.num_ops; ++i) {
                const gdk_status r = gdk_plan_step(plan, i, &state);
                EXPECT(r == GDK_OK || r == GDK_ERR_PLAN_OP_KIND || r == GDK_ERR_ALIASING, "step status %d", r);
            }
        }
        gdk_plan_free(plan);
    }
    printf("test_plan_load: fuzz: 20000 mutations, %d still valid plans (stepped), the rest refused\n", loaded);
    free(m);
    free(good.p);
}

int main(void)
{
    check_scalar();
    check_block2();
    check_diag();
    check_refusals();
    fuzz();
    if (g_failures) {
        fprintf(stderr, "test_plan_load: %d FAILED\n", g_failures);
        return 1;
    }
    printf("test_plan_load: loader, steps and every refusal code passed\n");
    return 0;
}
