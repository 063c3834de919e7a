package org.gddim.model;

import java.util.stream.IntStream;
import org.gddim.backend.Buffer;
import org.gddim.backend.HostBuffer;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;

/**
 * The exact eps of a Gaussian-mixture data law under a scalar process (gddim-spec.md 8.1-8.2): the
 * diffused law is {@code sum_k w_k N(a_t m_k, a_t^2 S_k + sigma_t^2 I)}, its score
 * {@code sum_k pi_k(u) C_k^{-1}(mu_k - u)} with responsibilities {@code pi_k} from a log-sum-exp, and
 * {@code eps = -sigma_t * score}. All in double, through each component's eigenbasis. This is the test oracle
 * of the solvers and the engine's embedded default model; it runs on host (CPU) buffers.
 */
public final class GmmScore implements ScoreModel {
    /** Below this many multiply-adds per call the batch runs on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 16;

    private final GaussianMixture gmm;
    private final ScalarProcess process;

    public GmmScore(GaussianMixture gmm, Process process) {
        this.gmm = gmm;
        this.process = switch (process) {
            case ScalarProcess scalar -> scalar;
        };
    }

    public GaussianMixture mixture() {
        return gmm;
    }

    @Override
    public DataShape shape() {
        return gmm.shape();
    }

    @Override
    public String describe() {
        return "exact GMM score, K=" + gmm.components() + ", D=" + gmm.dim() + ", process " + process.name();
    }

    @Override
    public void eps(Buffer u, double t, Buffer out, int batch) {
        HostBuffer in = HostBuffer.of(u);
        HostBuffer res = HostBuffer.of(out);
        int d = gmm.dim();
        long work = (long) batch * gmm.components() * d * (gmm.bases()[0] == null ? 1 : d);
        int chunks = work < PARALLEL_WORK ? 1 : Math.min(batch, 4 * Runtime.getRuntime().availableProcessors());
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            Evaluator ev = evaluator();
            double[] row = new double[d];
            double[] eps = new double[d];
            for (int b = (int) ((long) batch * chunk / chunks); b < (long) batch * (chunk + 1) / chunks; b++) {
                in.read((long) b * d, row);
                ev.eps(row, t, eps);
                res.write((long) b * d, eps);
            }
        });
    }

    /**
     * The diffused mixture at time t in its components' eigenbases (gddim-spec.md 8.2), the parameters of every
     * implementation of this oracle (this class's evaluator and the native and CUDA kernels, gdk.h
     * gdk_gmm_eps_f32): {@code meanT[k] = a_t m_k}, {@code invVar[k][j] = 1 / (a_t^2 lambda_kj + sigma_t^2)},
     * {@code logNorm[k] = log w_k - 1/2 sum_j log(a_t^2 lambda_kj + sigma_t^2)}.
     */
    public record TimeParameters(double alpha, double sigma, double[][] meanT, double[][] invVar, double[] logNorm) {}

    /** The parameters at time {@code t}, in double. */
    public TimeParameters at(double t) {
        int k = gmm.components();
        int d = gmm.dim();
        double alpha = process.alpha(t);
        double sigma = process.sigma(t);
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

    /** A per-thread evaluator with its own scratch (not thread-safe). */
    public Evaluator evaluator() {
        return new Evaluator();
    }

    /** Exact eps and score of one sample, in double; caches the per-time quantities of the last t. */
    public final class Evaluator {
        private final int k = gmm.components();
        private final int d = gmm.dim();
        private final double[][] v = new double[k][d]; // C_k^{-1} (u - mu_k) in eigen coordinates
        private final double[] diff = new double[d];
        private final double[] logits = new double[k];
        private double time = Double.NaN;
        private TimeParameters p;

        private Evaluator() {}

        private void prepare(double t) {
            if (t != time) {
                time = t;
                p = at(t);
            }
        }

        /**
         * Fills {@code logits[c] = log w_c + log N(u; mu_c, C_c) + (D/2) log 2 pi} and {@code v[c] = C_c^{-1}(u - mu_c)} (eigen
         * coordinates) for every component; returns the largest logit.
         */
        private double logits(double[] u, double t) {
            prepare(t);
            double maxLogit = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double[] m = p.meanT()[c];
                for (int i = 0; i < d; i++) {
                    diff[i] = u[i] - m[i];
                }
                double[][] basis = gmm.bases()[c];
                double quad = 0;
                for (int j = 0; j < d; j++) { // y = U^T (u - mu), v = y / variance
                    double y = diff[j];
                    if (basis != null) {
                        y = 0;
                        for (int i = 0; i < d; i++) {
                            y += basis[i][j] * diff[i];
                        }
                    }
                    v[c][j] = y * p.invVar()[c][j];
                    quad += y * v[c][j];
                }
                logits[c] = p.logNorm()[c] - 0.5 * quad;
                maxLogit = Math.max(maxLogit, logits[c]);
            }
            return maxLogit;
        }

        /** {@code log p_t(u)}, the diffused mixture density (log-sum-exp over components). */
        public double logDensity(double[] u, double t) {
            double max = logits(u, t);
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(logits[c] - max);
            }
            return max + Math.log(sum) - 0.5 * d * Math.log(2 * Math.PI);
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

        /** {@code out = eps(u, t) = -sigma_t * score(u, t)}. */
        public void eps(double[] u, double t, double[] out) {
            score(u, t, out);
            for (int i = 0; i < d; i++) {
                out[i] *= -p.sigma();
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
            java.util.Arrays.fill(out, 0, d, 0.0);
            for (int c = 0; c < k; c++) { // score = -sum_k pi_k U_k v_k
                double pi = logits[c] / total;
                double[][] basis = gmm.bases()[c];
                for (int i = 0; i < d; i++) {
                    double cv = v[c][i];
                    if (basis != null) {
                        cv = 0;
                        for (int j = 0; j < d; j++) {
                            cv += basis[i][j] * v[c][j];
                        }
                    }
                    out[i] -= pi * cv;
                }
            }
        }
    }
}
