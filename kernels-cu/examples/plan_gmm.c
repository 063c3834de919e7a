/*
 * plan_gmm.c — a native app that runs the engine's planned solvers around its own network (gdk_plan.h).
 *
 * The "network" is the exact eps of a Gaussian mixture read from the engine's GMM JSON (models/gmm/NAME.json):
 * for scalar processes libgdk's own gdk_gmm_eps_f32 at the (alpha, sigma) the plan gives with each eval; for
 * CLD (2x2 blocks) a few lines below from the process marginal the plan gives (Psi(t, 0), Sigma_t, R_t). The
 * starting noise is gdk_philox_normal_f32 (seed, stream 0), the engine's own prior draw; it is also written as
 * .npy so that `gddim sample --init-noise` can start from the same numbers.
 *
 *   plan_gmm sample PLAN.gdkplan GMM.json N SEED NOISE_OUT.npy SAMPLES_OUT.npy
 *   plan_gmm compare A.npy B.npy TOL      max |a - b| <= TOL (TOL 0: bit-identical), exit 1 otherwise
 *
 * Build: make -C kernels-cu plan-example (links build/lib/libgdk.so), or against an installed copy:
 *   cc plan_gmm.c $(pkg-config --cflags --libs gdk) -lm
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdk_plan.h"

/* ---- the mixture ------------------------------------------------------------------------------------------- */

typedef struct {
    int k, d;
    double *w;      /* (k) */
    double *mean;   /* (k, d) */
    double *basis;  /* (k, d, d) U_k row-major, columns = eigenvectors */
    double *lambda; /* (k, d) eigenvalues */
} gmm;

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s) s[n] = 0;
    fclose(f);
    return s;
}

/* The numbers of the (nested) JSON array under "key", flattened; returns the count (at most max) or -1. */
static int json_numbers(const char *text, const char *key, double *out, int max)
{
    char quoted[64];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    const char *p = strstr(text, quoted);
    if (!p || !(p = strchr(p + strlen(quoted), '['))) return -1;
    int depth = 0, count = 0;
    for (; *p; ++p) {
        if (*p == '[') depth++;
        else if (*p == ']' && --depth == 0) return count;
        else if (strchr("+-.0123456789", *p)) {
            char *end;
            const double x = strtod(p, &end);
            if (count < max) out[count] = x;
            count++;
            p = end - 1;
        }
    }
    return -1;
}

/* Eigendecomposition of a symmetric d x d matrix a (destroyed) by cyclic Jacobi: a = V diag(lambda) V^T. */
static void jacobi(int d, double *a, double *v, double *lambda)
{
    for (int i = 0; i < d * d; ++i) v[i] = i / d == i % d;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0;
        for (int p = 0; p < d; ++p)
            for (int q = p + 1; q < d; ++q) off += a[p * d + q] * a[p * d + q];
        if (off < 1e-30) break;
        for (int p = 0; p < d; ++p)
            for (int q = p + 1; q < d; ++q) {
                if (fabs(a[p * d + q]) < 1e-300) continue;
                const double theta = (a[q * d + q] - a[p * d + p]) / (2 * a[p * d + q]);
                const double t = (theta >= 0 ? 1 : -1) / (fabs(theta) + sqrt(theta * theta + 1));
                const double c = 1 / sqrt(t * t + 1), s = t * c;
                for (int r = 0; r < d; ++r) { /* a = J^T a J */
                    const double arp = a[r * d + p], arq = a[r * d + q];
                    a[r * d + p] = c * arp - s * arq;
                    a[r * d + q] = s * arp + c * arq;
                }
                for (int r = 0; r < d; ++r) {
                    const double apr = a[p * d + r], aqr = a[q * d + r];
                    a[p * d + r] = c * apr - s * aqr;
                    a[q * d + r] = s * apr + c * aqr;
                }
                for (int r = 0; r < d; ++r) {
                    const double vrp = v[r * d + p], vrq = v[r * d + q];
                    v[r * d + p] = c * vrp - s * vrq;
                    v[r * d + q] = s * vrp + c * vrq;
                }
            }
    }
    for (int i = 0; i < d; ++i) lambda[i] = a[i * d + i];
}

static void gmm_free(gmm *g)
{
    free(g->w);
    free(g->mean);
    free(g->basis);
    free(g->lambda);
}

static int gmm_read(const char *path, gmm *g)
{
    memset(g, 0, sizeof *g);
    char *text = read_text(path);
    if (!text) return fprintf(stderr, "plan_gmm: cannot read %s\n", path), 1;
    enum { MAX = 1 << 16 };
    double *buf = malloc(MAX * sizeof(double));
    int ok = 0;
    const int k = json_numbers(text, "weights", buf, MAX);
    const int km = json_numbers(text, "means", buf, MAX);
    if (buf && k > 0 && km > 0 && km % k == 0) {
        g->k = k;
        g->d = km / k;
        const int d = g->d;
        g->w = malloc((size_t)k * sizeof(double));
        g->mean = malloc((size_t)k * d * sizeof(double));
        g->basis = malloc((size_t)k * d * d * sizeof(double));
        g->lambda = malloc((size_t)k * d * sizeof(double));
        json_numbers(text, "weights", g->w, k);
        json_numbers(text, "means", g->mean, k * d);
        ok = json_numbers(text, "covariances", buf, MAX) == k * d * d;
        for (int c = 0; ok && c < k; ++c) jacobi(d, buf + c * d * d, g->basis + c * d * d, g->lambda + c * d);
    }
    free(buf);
    free(text);
    if (!ok) {
        gmm_free(g);
        return fprintf(stderr, "plan_gmm: %s is not a GMM JSON with weights, means and covariances\n", path), 1;
    }
    return 0;
}

/* ---- the network: exact eps at one eval --------------------------------------------------------------------- */

typedef struct {
    const gmm *g;
    double *mean_t, *inv_var, *log_norm, *work; /* gdk_gmm_eps_f32's time-t tables and scratch */
} network;

/* Scalar processes: gdk_gmm_eps_f32 with the parameters of gddim-spec.md 8.2 at (alpha, sigma). */
static gdk_status eps_scalar(network *net, const gdk_plan_op *op, int64_t batch, const float *u, float *eps)
{
    const gmm *g = net->g;
    const double a = op->alpha, s = op->sigma;
    for (int c = 0; c < g->k; ++c) {
        double log_det = 0;
        for (int j = 0; j < g->d; ++j) {
            net->mean_t[c * g->d + j] = a * g->mean[c * g->d + j];
            const double var = a * a * g->lambda[c * g->d + j] + s * s;
            net->inv_var[c * g->d + j] = 1 / var;
            log_det += log(var);
        }
        net->log_norm[c] = log(g->w[c]) - 0.5 * log_det;
    }
    return gdk_gmm_eps_f32(batch, g->d, g->k, u, net->mean_t, g->basis, net->inv_var, net->log_norm, s, net->work, eps);
}

/* CLD: u = (x, v) per sample, (2, d). In component c's eigen coordinates y = U^T x, w = U^T v, each pair
 * (y_j, w_j) is N(Psi (mu_j, 0), Sigma_t + lambda_j Psi e_x e_x^T Psi^T); score = -sum_c pi_c U C^{-1} (.. - ..)
 * per plane, eps = -R_t^T score. */
static void eps_cld(const gmm *g, const gdk_plan_op *op, int64_t batch, const float *u, float *eps)
{
    const int d = g->d, k = g->k;
    const double *P = op->mean_map, *S = op->covariance, *R = op->frame;
    double *y = malloc((size_t)2 * d * sizeof(double)), *wc = malloc((size_t)k * 2 * d * sizeof(double));
    double *logit = malloc((size_t)k * sizeof(double)), *score = malloc((size_t)2 * d * sizeof(double));
    for (int64_t b = 0; b < batch; ++b) {
        const float *x = u + b * 2 * d, *v = x + d;
        double max = -INFINITY;
        for (int c = 0; c < k; ++c) {
            const double *U = g->basis + (size_t)c * d * d;
            double quad = 0, log_det = 0;
            for (int j = 0; j < d; ++j) {
                double yx = 0, yv = 0, mu = 0;
                for (int i = 0; i < d; ++i) {
                    yx += U[i * d + j] * x[i];
                    yv += U[i * d + j] * v[i];
                    mu += U[i * d + j] * g->mean[c * d + i];
                }
                const double lam = g->lambda[c * d + j];
                const double c00 = S[0] + lam * P[0] * P[0], c01 = S[1] + lam * P[0] * P[2], c11 = S[3] + lam * P[2] * P[2];
                const double det = c00 * c11 - c01 * c01;
                const double dx = yx - P[0] * mu, dv = yv - P[2] * mu;
                const double wx = (c11 * dx - c01 * dv) / det, wv = (c00 * dv - c01 * dx) / det;
                wc[(size_t)c * 2 * d + j] = wx;
                wc[(size_t)c * 2 * d + d + j] = wv;
                quad += dx * wx + dv * wv;
                log_det += log(det);
            }
            logit[c] = log(g->w[c]) - 0.5 * log_det - 0.5 * quad;
            if (logit[c] > max) max = logit[c];
        }
        double total = 0;
        for (int c = 0; c < k; ++c) total += (logit[c] = exp(logit[c] - max));
        for (int i = 0; i < 2 * d; ++i) score[i] = 0;
        for (int c = 0; c < k; ++c) {
            const double *U = g->basis + (size_t)c * d * d, pi = logit[c] / total;
            for (int p = 0; p < 2; ++p)
                for (int i = 0; i < d; ++i) {
                    double back = 0;
                    for (int j = 0; j < d; ++j) back += U[i * d + j] * wc[(size_t)c * 2 * d + p * d + j];
                    score[p * d + i] -= pi * back;
                }
        }
        for (int i = 0; i < d; ++i) { /* eps = -R^T score */
            eps[b * 2 * d + i] = (float)-(R[0] * score[i] + R[2] * score[d + i]);
            eps[b * 2 * d + d + i] = (float)-(R[1] * score[i] + R[3] * score[d + i]);
        }
    }
    free(y);
    free(wc);
    free(logit);
    free(score);
}

/* ---- .npy float32 files ------------------------------------------------------------------------------------ */

static int npy_write(const char *path, const float *x, int64_t rows, const int32_t *dims, int rank)
{
    char shape[256];
    int n = snprintf(shape, sizeof shape, "(%lld,", (long long)rows);
    int64_t count = rows;
    for (int i = 0; i < rank; ++i) {
        n += snprintf(shape + n, sizeof shape - n, " %d,", dims[i]);
        count *= dims[i];
    }
    if (rank > 0) shape[n - 1] = 0; /* (N, a, b) without the trailing comma */
    char header[512];
    int h = snprintf(header, sizeof header, "{'descr': '<f4', 'fortran_order': False, 'shape': %s%s), }", shape,
                     rank == 0 ? "" : "");
    while ((10 + h + 1) % 64 != 0) header[h++] = ' ';
    header[h++] = '\n';
    FILE *f = fopen(path, "wb");
    if (!f) return 1;
    const unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (unsigned char)(h & 0xff), (unsigned char)(h >> 8)};
    int ok = fwrite(pre, 1, 10, f) == 10 && fwrite(header, 1, (size_t)h, f) == (size_t)h
             && fwrite(x, 4, (size_t)count, f) == (size_t)count; /* little-endian hosts only, as the engine */
    return (fclose(f) != 0) | !ok;
}

/* Reads a little-endian float32 .npy; *count gets its element count. */
static float *npy_read(const char *path, int64_t *count)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    unsigned char pre[10];
    float *x = NULL;
    if (fread(pre, 1, 10, f) == 10 && pre[0] == 0x93 && pre[6] == 1) {
        const int h = pre[8] | pre[9] << 8;
        char *header = calloc(1, (size_t)h + 1);
        if (header && fread(header, 1, (size_t)h, f) == (size_t)h && strstr(header, "'<f4'")) {
            const char *s = strstr(header, "'shape': (");
            int64_t n = 1;
            for (s = s ? s + 10 : NULL; s && *s && *s != ')'; ++s)
                if (*s >= '0' && *s <= '9') {
                    char *end;
                    n *= strtoll(s, &end, 10);
                    s = end - 1;
                }
            x = s ? malloc((size_t)n * 4) : NULL;
            if (x && fread(x, 4, (size_t)n, f) != (size_t)n) {
                free(x);
                x = NULL;
            }
            *count = n;
        }
        free(header);
    }
    fclose(f);
    return x;
}

/* ---- the app ----------------------------------------------------------------------------------------------- */

static int fail(const char *what, gdk_status st)
{
    fprintf(stderr, "plan_gmm: %s: %s (status %d)\n", what, gdk_status_string(st), st);
    return 1;
}

static int sample(const char *plan_path, const char *gmm_path, int64_t batch, uint64_t seed, const char *noise_out,
                  const char *samples_out)
{
    gdk_plan *plan;
    gdk_status st = gdk_plan_load_file(plan_path, &plan);
    if (st != GDK_OK) return fail(plan_path, st);
    gdk_plan_info info;
    gdk_plan_get_info(plan, &info);
    gmm g;
    if (gmm_read(gmm_path, &g)) return gdk_plan_free(plan), 1;
    int rc = 1;
    const int64_t n = batch * info.state_size;
    float **buf = calloc((size_t)info.num_buffers, sizeof(float *));
    float *noise = info.stochastic ? calloc((size_t)n, 4) : NULL;
    float *data = calloc((size_t)(batch * info.data_size), 4);
    network net = {&g, malloc((size_t)g.k * g.d * 8), malloc((size_t)g.k * g.d * 8), malloc((size_t)g.k * 8),
                   malloc((size_t)(g.k + 2 * g.d) * 8)};
    for (int32_t b = 0; b < info.num_buffers; ++b) buf[b] = calloc((size_t)n, 4); /* zeroed, as the engine's */
    if (info.data_size != g.d) {
        fprintf(stderr, "plan_gmm: the plan is for data of %lld elements, %s has %d\n", (long long)info.data_size,
                gmm_path, g.d);
        goto done;
    }
    /* The prior: z from the engine's generator (stream 0), u_T = prior_std * z; z also for `gddim sample`. */
    if ((st = gdk_philox_normal_f32(batch, info.state_size, seed, 0, 0, buf[1 % info.num_buffers])) != GDK_OK) {
        fail("noise", st);
        goto done;
    }
    if (npy_write(noise_out, buf[1 % info.num_buffers], batch, info.state_dims, info.state_rank)) {
        fprintf(stderr, "plan_gmm: cannot write %s\n", noise_out);
        goto done;
    }
    gdk_plan_prior_f32(plan, batch, buf[1 % info.num_buffers], buf[0]);
    if (info.num_buffers > 1) memset(buf[1], 0, (size_t)n * 4);

    const gdk_plan_state state = {batch, buf, noise, seed, 0};
    for (int32_t i = 0; i < info.num_ops; ++i) {
        gdk_plan_op op;
        gdk_plan_get_op(plan, i, &op);
        if (op.kind == GDK_PLAN_OP_EVAL) {
            if (info.structure == GDK_PLAN_SCALAR) st = eps_scalar(&net, &op, batch, buf[op.src], buf[op.dst]);
            else if (info.structure == GDK_PLAN_BLOCK2) eps_cld(&g, &op, batch, buf[op.src], buf[op.dst]);
            else st = GDK_ERR_INVALID_ARGUMENT; /* BDM would need the mixture in the DCT basis */
        } else {
            st = gdk_plan_step(plan, i, &state);
        }
        if (st != GDK_OK) {
            fail(op.kind == GDK_PLAN_OP_EVAL ? "network" : "gdk_plan_step", st);
            goto done;
        }
    }
    if ((st = gdk_plan_readout_f32(plan, batch, buf[0], data)) != GDK_OK) {
        fail("readout", st);
        goto done;
    }
    if (npy_write(samples_out, data, batch, info.data_dims, info.data_rank)) {
        fprintf(stderr, "plan_gmm: cannot write %s\n", samples_out);
        goto done;
    }
    printf("plan_gmm: %s on %s: %lld samples, %d network evaluations, %d steps -> %s\n", info.method, info.process,
           (long long)batch, info.num_evals, info.num_steps, samples_out);
    rc = 0;
done:
    for (int32_t b = 0; b < info.num_buffers; ++b) free(buf[b]);
    free(buf);
    free(noise);
    free(data);
    free(net.mean_t);
    free(net.inv_var);
    free(net.log_norm);
    free(net.work);
    gmm_free(&g);
    gdk_plan_free(plan);
    return rc;
}

static int compare(const char *a_path, const char *b_path, double tol)
{
    int64_t na = 0, nb = 0;
    float *a = npy_read(a_path, &na), *b = npy_read(b_path, &nb);
    int rc = 1;
    if (!a || !b || na != nb) {
        fprintf(stderr, "plan_gmm: %s and %s are not float32 .npy files of one size\n", a_path, b_path);
    } else {
        double max = 0;
        int64_t differ = 0;
        for (int64_t i = 0; i < na; ++i) {
            const double e = fabs((double)a[i] - (double)b[i]);
            differ += memcmp(&a[i], &b[i], 4) != 0;
            if (!(e <= max)) max = e;
        }
        rc = tol == 0 ? differ != 0 : !(max <= tol);
        printf("plan_gmm: %s vs %s: %lld values, %lld differ in bits, max |diff| %.3g (%s %.3g) %s\n", a_path, b_path,
               (long long)na, (long long)differ, max, tol == 0 ? "bit-identical required," : "tolerance", tol,
               rc ? "FAIL" : "ok");
    }
    free(a);
    free(b);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc == 8 && !strcmp(argv[1], "sample"))
        return sample(argv[2], argv[3], atoll(argv[4]), strtoull(argv[5], NULL, 10), argv[6], argv[7]);
    if (argc == 5 && !strcmp(argv[1], "compare")) return compare(argv[2], argv[3], atof(argv[4]));
    fprintf(stderr, "usage: plan_gmm sample PLAN.gdkplan GMM.json N SEED NOISE_OUT.npy SAMPLES_OUT.npy\n"
                    "       plan_gmm compare A.npy B.npy TOL\n");
    return 2;
}
