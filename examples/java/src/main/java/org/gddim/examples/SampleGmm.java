package org.gddim.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.gddim.api.Sampler;
import org.gddim.process.ProcessKind;
import org.gddim.solver.SolverKind;

/**
 * Embeds the engine through its Java API (org.gddim.api, docs/api.md): samples the 8-D Gaussian mixture
 * models/gmm/gmm-8d-5.json with gDDIM (order 3, 50 NFE, VP process), streamed in batches of 4096, and checks the sample
 * mean and covariance against the mixture's closed form, mean = sum_k w_k m_k and
 * cov = sum_k w_k (S_k + m_k m_k^T) - mean mean^T. Every entry must lie within 5 standard errors (estimated from the
 * samples themselves) of the closed form; the exit code is 1 otherwise. Seeded, so the figures are the same on every
 * run; at 50 NFE the largest deviation is 2.8 standard errors, at 10 NFE the solver's own error shows (9.4, refused).
 * Run: {@code make example}, i.e. {@code mvn -f examples/java/pom.xml verify} after {@code mvn install}; arguments
 * (optional): the mixture file, the sample count, the NFE.
 */
public final class SampleGmm {
    private static final double LIMIT = 5; // standard errors

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "models/gmm/gmm-8d-5.json");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int nfe = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        float[] x; // (n, D) row-major
        int d;
        long start = System.nanoTime();
        try (Sampler sampler = Sampler.builder().process(ProcessKind.VP).model("gmm:" + file)
                .solver(SolverKind.GDDIM, 3).nfe(nfe).seed(1).batch(4096).open()) {
            d = sampler.sampleSize();
            float[] all = new float[n * d];
            long[] shown = {0};
            sampler.generate(n, (first, count, samples) -> System.arraycopy(samples, 0, all, (int) first * d,
                    samples.length), p -> {
                        if (p.samplesDone() > shown[0]) { // once per finished batch
                            shown[0] = p.samplesDone();
                            System.out.printf("  %d of %d samples, %.0f samples/s%n", p.samplesDone(), p.samplesTotal(),
                                    p.samplesPerSecond());
                        }
                    });
            x = all;
            System.out.printf("%d samples of %s from %s, %s, %d NFE, in %.2f s%n", n,
                    java.util.Arrays.toString(sampler.sampleShape()), file.getFileName(), sampler.method(), sampler.nfe(),
                    (System.nanoTime() - start) / 1e9);
        }
        double[][] moments = closedForm(file, d); // [0] mean, [1..d] covariance rows
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                mean[a] += x[i * d + a] / (double) n;
            }
        }
        double worst = 0;
        String where = "";
        for (int a = 0; a < d; a++) {
            double z = Math.abs(mean[a] - moments[0][a]) / Math.sqrt(moments[1 + a][a] / n);
            if (z > worst) {
                worst = z;
                where = "mean[" + a + "]";
            }
            for (int b = a; b < d; b++) { // the sample covariance and its standard error from (x_a - m_a)(x_b - m_b)
                double s = 0;
                double s2 = 0;
                for (int i = 0; i < n; i++) {
                    double v = (x[i * d + a] - mean[a]) * (x[i * d + b] - mean[b]);
                    s += v;
                    s2 += v * v;
                }
                double cov = s / n;
                double se = Math.sqrt((s2 / n - cov * cov) / n);
                double zc = Math.abs(cov - moments[1 + a][b]) / se;
                if (zc > worst) {
                    worst = zc;
                    where = "cov[" + a + "][" + b + "]";
                }
            }
        }
        System.out.printf("largest deviation from the closed form: %.2f standard errors (%s); limit %.0f%n", worst, where,
                LIMIT);
        if (!(worst <= LIMIT)) {
            System.out.println("FAILED: the samples do not have the mixture's mean and covariance");
            System.exit(1);
        }
        System.out.println("OK: sample mean and covariance match the mixture's closed form");
    }

    /** The mixture's mean (row 0) and covariance (rows 1..d) from its JSON file: weights, means, covariances. */
    private static double[][] closedForm(Path file, int d) throws java.io.IOException {
        JsonNode g = new ObjectMapper().readTree(file.toFile());
        double[][] out = new double[1 + d][d];
        int k = g.get("weights").size();
        for (int c = 0; c < k; c++) {
            double w = g.get("weights").get(c).asDouble();
            JsonNode m = g.get("means").get(c);
            JsonNode cov = g.get("covariances").get(c);
            for (int a = 0; a < d; a++) {
                out[0][a] += w * m.get(a).asDouble();
                for (int b = 0; b < d; b++) {
                    out[1 + a][b] += w * (cov.get(a).get(b).asDouble() + m.get(a).asDouble() * m.get(b).asDouble());
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                out[1 + a][b] -= out[0][a] * out[0][b];
            }
        }
        return out;
    }
}
