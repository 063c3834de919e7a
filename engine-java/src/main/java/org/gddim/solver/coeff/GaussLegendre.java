package org.gddim.solver.coeff;

/**
 * Gauss-Legendre quadrature for vector-valued integrands, made adaptive by bisection: an interval is
 * accepted when its n-point value and the sum of its two halves agree to the tolerance. Nodes and weights
 * come from Newton's method on the Legendre polynomial (Golub-Welsch accuracy, about 1e-15).
 */
public final class GaussLegendre {
    /** An integrand {@code r -> f(r)}, each value an array of a fixed length. */
    @FunctionalInterface
    public interface VectorFunction {
        double[] apply(double r);
    }

    private static final int MAX_DEPTH = 40;

    private final double[] nodes;
    private final double[] weights;

    /** The {@code n}-point rule on [-1, 1]. */
    public GaussLegendre(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need n >= 1 points, got " + n);
        }
        nodes = new double[n];
        weights = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5)); // Tricomi's initial guess
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) { // three-term recurrence for P_n(x)
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (x * p1 - p0) / (x * x - 1); // P_n'(x) from P_n = p1, P_{n-1} = p0
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    break;
                }
            }
            nodes[i] = -x;
            nodes[n - 1 - i] = x;
            weights[i] = 2 / ((1 - x * x) * dp * dp);
            weights[n - 1 - i] = weights[i];
        }
    }

    public double[] nodes() {
        return nodes.clone();
    }

    public double[] weights() {
        return weights.clone();
    }

    /** The plain rule on the oriented interval from {@code a} to {@code b} (a > b gives the negated integral). */
    public double[] integrate(VectorFunction f, double a, double b) {
        return rule(f, a, b, null);
    }

    /** The rule; if {@code absIntegral} is given, it receives the rule applied to |f| (for error scales). */
    private double[] rule(VectorFunction f, double a, double b, double[] absIntegral) {
        double half = 0.5 * (b - a);
        double mid = 0.5 * (a + b);
        double[] sum = null;
        for (int i = 0; i < nodes.length; i++) {
            double[] v = f.apply(mid + half * nodes[i]);
            if (sum == null) {
                sum = new double[v.length];
            }
            for (int j = 0; j < v.length; j++) {
                sum[j] += weights[i] * half * v[j];
                if (absIntegral != null) {
                    absIntegral[0] += Math.abs(weights[i] * half * v[j]) / v.length;
                }
            }
        }
        return sum;
    }

    /**
     * Integral from {@code a} to {@code b} by bisection: a piece is accepted when its n-point value and the
     * sum of its halves differ by at most its share of {@code max(absTol, relTol * int |f|)} (share
     * proportional to length), or by at most 1e-13 of the piece's own {@code int |f|} (the rounding floor,
     * so cancellation cannot make the tolerance unreachable).
     *
     * @throws ArithmeticException if that needs more than 40 levels of bisection
     */
    public double[] integrateAdaptive(VectorFunction f, double a, double b, double relTol, double absTol) {
        double[] scale = new double[1];
        double[] whole = rule(f, a, b, scale);
        double tol = Math.max(absTol, relTol * scale[0]);
        return refine(f, a, b, whole, scale[0], tol, 0);
    }

    private double[] refine(VectorFunction f, double a, double b, double[] whole, double wholeAbs, double tol,
            int depth) {
        double mid = 0.5 * (a + b);
        double[] leftAbs = new double[1];
        double[] rightAbs = new double[1];
        double[] left = rule(f, a, mid, leftAbs);
        double[] right = rule(f, mid, b, rightAbs);
        double err = 0;
        for (int j = 0; j < whole.length; j++) {
            err = Math.max(err, Math.abs(left[j] + right[j] - whole[j]));
        }
        if (err <= tol || err <= 1e-13 * wholeAbs) {
            for (int j = 0; j < left.length; j++) {
                left[j] += right[j];
            }
            return left;
        }
        if (depth >= MAX_DEPTH) {
            throw new ArithmeticException("quadrature did not converge on [" + a + ", " + b + "]: error " + err);
        }
        double[] l = refine(f, a, mid, left, leftAbs[0], 0.5 * tol, depth + 1);
        double[] r = refine(f, mid, b, right, rightAbs[0], 0.5 * tol, depth + 1);
        for (int j = 0; j < l.length; j++) {
            l[j] += r[j];
        }
        return l;
    }
}
