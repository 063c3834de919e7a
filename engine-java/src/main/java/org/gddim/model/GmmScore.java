package org.gddim.model;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.gddim.backend.Buffer;
import org.gddim.backend.HostBuffer;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;

/**
 * The exact eps of a Gaussian-mixture data law under any supported process (gddim-spec.md 8.1-8.2): the diffused
 * law is {@code sum_k w_k N(mu_k(t), C_k(t))} ({@link DiffusedMixture}: per eigen-coordinate 1x1 or, for CLD, 2x2
 * blocks), its score {@code sum_k pi_k(u) C_k^{-1}(mu_k - u)} with responsibilities {@code pi_k} from a
 * log-sum-exp, and {@code eps = -R_t^T score} in gDDIM's frame ({@code -sigma_t score} for scalar processes and
 * BDM). The input is the process' state: (B, D...) data, (B, 2, D...) x then v for CLD, (B, C, H, W) DCT
 * coefficients for BDM. All in double. The test oracle of the solvers and the engine's default model; it runs
 * on host (CPU) buffers.
 */
public final class GmmScore implements ScoreModel {
    /** Below this many multiply-adds per call the batch runs on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 16;

    private final GaussianMixture gmm;
    private final DiffusedMixture law;

    /** @throws ModelSpecException if the mixture does not fit the process (e.g. BDM needs DCT-diagonal covariances) */
    public GmmScore(GaussianMixture gmm, Process process) {
        this.gmm = gmm;
        this.law = new DiffusedMixture(gmm, process);
    }

    public GaussianMixture mixture() {
        return gmm;
    }

    @Override
    public DataShape shape() {
        return gmm.shape();
    }

    /** (2, D...) for CLD, else the data shape. */
    @Override
    public DataShape stateShape() {
        if (law.planes == 1) {
            return gmm.shape();
        }
        int[] dims = gmm.shape().dims();
        int[] out = new int[dims.length + 1];
        out[0] = law.planes;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return new DataShape(out);
    }

    @Override
    public String describe() {
        return "exact GMM score, K=" + gmm.components() + ", D=" + gmm.dim() + ", process " + law.process.name();
    }

    @Override
    public void eps(Buffer u, double t, Buffer out, int batch) {
        HostBuffer in = HostBuffer.of(u);
        HostBuffer res = HostBuffer.of(out);
        int dim = law.planes * law.d;
        long work = (long) batch * law.k * dim * (gmm.bases()[0] == null ? 1 : law.d);
        int chunks = work < PARALLEL_WORK ? 1 : Math.min(batch, 4 * Runtime.getRuntime().availableProcessors());
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            Evaluator ev = evaluator();
            double[] row = new double[dim];
            double[] eps = new double[dim];
            for (int b = (int) ((long) batch * chunk / chunks); b < (long) batch * (chunk + 1) / chunks; b++) {
                in.read((long) b * dim, row);
                ev.eps(row, t, eps);
                res.write((long) b * dim, eps);
            }
        });
    }

    /**
     * The diffused mixture of a scalar process at time t in its components' eigenbases (gddim-spec.md 8.2): the
     * parameters of the native and CUDA kernels of this oracle (gdk.h gdk_gmm_eps_f32):
     * {@code meanT[k] = a_t m_k}, {@code invVar[k][j] = 1 / (a_t^2 lambda_kj + sigma_t^2)},
     * {@code logNorm[k] = log w_k - 1/2 sum_j log(a_t^2 lambda_kj + sigma_t^2)}.
     */
    public record TimeParameters(double alpha, double sigma, double[][] meanT, double[][] invVar, double[] logNorm) {}

    /** The parameters at time {@code t}, in double; scalar processes only (the kernels' structure). */
    public TimeParameters at(double t) {
        if (!(law.process instanceof ScalarProcess p)) {
            throw new IllegalArgumentException("the GMM kernels run scalar processes (vp, ve, edm, fdm-*), not "
                    + law.process.name());
        }
        if (gmm.dct()) {
            throw new IllegalArgumentException("the GMM kernels take explicit eigenbases; DCT-diagonal mixtures run on the "
                    + "Java oracle");
        }
        int k = gmm.components();
        int d = gmm.dim();
        double alpha = p.alpha(t);
        double sigma = p.sigma(t);
        double[][] meanT = new double[k][d];
        double[][] invVar = new double[k][d];
        double[] logNorm = new double[k];
        for (int c = 0; c < k; c++) {
            double logDet = 0;
            for (int i = 0; i < d; i++) {
                meanT[c][i] = alpha * gmm.means()[c][i];
                double variance = alpha * alpha * gmm.eigenvalues()[c][i] + sigma * sigma;
                invVar[c][i] = 1 / variance;
                logDet += Math.log(variance);
            }
            logNorm[c] = Math.log(gmm.weights()[c]) - 0.5 * logDet;
        }
        return new TimeParameters(alpha, sigma, meanT, invVar, logNorm);
    }

    /** The exact law of the data plane of the state at time {@code t} ({@link DataMarginal}). */
    public DataMarginal dataMarginal(double t) {
        DiffusedMixture.AtTime at = law.new AtTime();
        at.prepare(t);
        int d = law.d;
        double[][] means = new double[law.k][d];
        double[][][] covs = new double[law.k][d][d];
        double[] col = new double[d];
        double[] unit = new double[d];
        for (int c = 0; c < law.k; c++) {
            law.coordinates[c].fromEigen(at.mean[c], 0, means[c], 0);
            for (int j = 0; j < d; j++) { // C = U diag(q) U^T, column by column: C e_j = U (q * U^T e_j)
                java.util.Arrays.fill(unit, 0);
                unit[j] = 1;
                law.coordinates[c].toEigen(unit, 0, col, 0);
                for (int i = 0; i < d; i++) {
                    double[] inv = at.inverse[c];
                    double q = law.planes == 1 ? 1 / inv[i]
                            : inv[3 * i + 2] / (inv[3 * i] * inv[3 * i + 2] - inv[3 * i + 1] * inv[3 * i + 1]);
                    col[i] *= q;
                }
                law.coordinates[c].fromEigen(col, 0, unit, 0);
                for (int i = 0; i < d; i++) {
                    covs[c][i][j] = unit[i];
                }
            }
        }
        return new DataMarginal(gmm.weights().clone(), means, covs);
    }

    /** A per-thread evaluator with its own scratch (not thread-safe). */
    public Evaluator evaluator() {
        return new Evaluator();
    }

    /** Exact eps, score and density of one state, in double; caches the per-time quantities of the last t. */
    public final class Evaluator {
        private final int k = law.k;
        private final int d = law.d;
        private final int planes = law.planes;
        private final DiffusedMixture.AtTime at = law.new AtTime();
        private final double[][] w = new double[k][planes * d]; // C_k^{-1} (u - mu_k), eigen coordinates
        private final double[] diff = new double[planes * d];
        private final double[] logits = new double[k];
        private final double[] back = new double[d];
        private double time = Double.NaN;

        private Evaluator() {}

        private void prepare(double t) {
            if (t != time) {
                at.prepare(t);
                time = t;
            }
        }

        /** Fills {@code logits[c] = log w_c + log N(u; mu_c, C_c) + (P D/2) log 2 pi} and {@code w}; returns the max. */
        private double logits(double[] u, double t) {
            prepare(t);
            double maxLogit = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                for (int p = 0; p < planes; p++) {
                    law.coordinates[c].toEigen(u, p * d, diff, p * d);
                }
                double[] mean = at.mean[c];
                double[] inv = at.inverse[c];
                double[] wc = w[c];
                double quad = 0;
                for (int j = 0; j < d; j++) {
                    if (planes == 1) {
                        double y = diff[j] - mean[j];
                        wc[j] = inv[j] * y;
                        quad += y * wc[j];
                    } else {
                        double x = diff[j] - mean[j];
                        double v = diff[d + j] - mean[d + j];
                        wc[j] = inv[3 * j] * x + inv[3 * j + 1] * v;
                        wc[d + j] = inv[3 * j + 1] * x + inv[3 * j + 2] * v;
                        quad += x * wc[j] + v * wc[d + j];
                    }
                }
                logits[c] = Math.log(gmm.weights()[c]) - 0.5 * at.logDet[c] - 0.5 * quad;
                maxLogit = Math.max(maxLogit, logits[c]);
            }
            return maxLogit;
        }

        /** {@code log p_t(u)}, the diffused mixture density of the state (log-sum-exp over components). */
        public double logDensity(double[] u, double t) {
            double max = logits(u, t);
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(logits[c] - max);
            }
            return max + Math.log(sum) - 0.5 * planes * d * Math.log(2 * Math.PI);
        }

        /** The component with the largest responsibility {@code pi_k(u)} at time t (which mode u belongs to). */
        public int component(double[] u, double t) {
            logits(u, t);
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (logits[c] > logits[best]) {
                    best = c;
                }
            }
            return best;
        }

        /** {@code out = eps(u, t) = -R_t^T score(u, t)}. */
        public void eps(double[] u, double t, double[] out) {
            score(u, t, out);
            double[] r = at.frameT;
            if (planes == 1) {
                for (int i = 0; i < d; i++) {
                    out[i] *= -r[0];
                }
            } else {
                for (int i = 0; i < d; i++) {
                    double sx = out[i];
                    double sv = out[d + i];
                    out[i] = -(r[0] * sx + r[1] * sv);
                    out[d + i] = -(r[2] * sx + r[3] * sv);
                }
            }
        }

        /** {@code out = grad_u log p_t(u) = -sum_k pi_k(u) C_k^{-1} (u - mu_k)}. */
        public void score(double[] u, double t, double[] out) {
            double max = logits(u, t);
            double total = 0;
            for (int c = 0; c < k; c++) {
                logits[c] = Math.exp(logits[c] - max);
                total += logits[c];
            }
            Arrays.fill(out, 0, planes * d, 0.0);
            for (int c = 0; c < k; c++) { // score = -sum_k pi_k U_k w_k, plane by plane
                double pi = logits[c] / total;
                for (int p = 0; p < planes; p++) {
                    law.coordinates[c].fromEigen(w[c], p * d, back, 0);
                    for (int i = 0; i < d; i++) {
                        out[p * d + i] -= pi * back[i];
                    }
                }
            }
        }
    }
}
