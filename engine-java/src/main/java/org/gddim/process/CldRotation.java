package org.gddim.process;

import java.util.function.DoubleUnaryOperator;

/**
 * The angle {@code theta_t = int_0^t theta'(r) dr} of CLD's frame {@code R_t = L_t rot(theta_t)} (gddim-spec.md
 * 3.4), for a rate {@code theta'} that is smooth but stiff near 0 (|theta'| ~ 1600 at t = 0, pitfall P2).
 * Tabulated once at panel ends uniform in {@code log t} (2000 panels from 1e-9 to {@code tMax}), each panel
 * integrated by 8-point Gauss-Legendre in {@code log t}; {@code theta(t)} adds the same rule over the partial
 * panel, so it is exact to rounding everywhere (no interpolation) and smooth in t.
 */
final class CldRotation {
    private static final double[] X = {0.18343464249564978, 0.525532409916329, 0.7966664774136267, 0.9602898564975362};
    private static final double[] W = {0.36268378337836166, 0.3137066458778869, 0.22238103445337443, 0.10122853629037706};
    private static final int PANELS = 2000;
    private static final double T_LOW = 1e-9;

    private final DoubleUnaryOperator rate;
    private final double logLow;
    private final double h;
    private final double[] theta; // theta at exp(logLow + i h), i = 0 .. PANELS

    CldRotation(DoubleUnaryOperator rate, double tMax) {
        this.rate = rate;
        this.logLow = Math.log(T_LOW);
        this.h = (Math.log(tMax) - logLow) / PANELS;
        this.theta = new double[PANELS + 1];
        theta[0] = gaussT(0, T_LOW);
        for (int i = 0; i < PANELS; i++) {
            theta[i + 1] = theta[i] + gaussLogT(logLow + i * h, logLow + (i + 1) * h);
        }
    }

    double theta(double t) {
        if (t <= T_LOW) {
            return gaussT(0, t);
        }
        double u = Math.log(t);
        int i = (int) Math.min(PANELS, Math.floor((u - logLow) / h));
        double u0 = logLow + i * h;
        return theta[i] + gaussLogT(u0, u);
    }

    /** 8-point Gauss-Legendre of theta'(t) dt over [a, b]. */
    private double gaussT(double a, double b) {
        double mid = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        double sum = 0;
        for (int k = 0; k < X.length; k++) {
            sum += W[k] * (rate.applyAsDouble(mid - half * X[k]) + rate.applyAsDouble(mid + half * X[k]));
        }
        return half * sum;
    }

    /** 8-point Gauss-Legendre of theta'(e^u) e^u du over [u0, u1]. */
    private double gaussLogT(double u0, double u1) {
        double mid = 0.5 * (u0 + u1);
        double half = 0.5 * (u1 - u0);
        double sum = 0;
        for (int k = 0; k < X.length; k++) {
            double ta = Math.exp(mid - half * X[k]);
            double tb = Math.exp(mid + half * X[k]);
            sum += W[k] * (rate.applyAsDouble(ta) * ta + rate.applyAsDouble(tb) * tb);
        }
        return half * sum;
    }
}
