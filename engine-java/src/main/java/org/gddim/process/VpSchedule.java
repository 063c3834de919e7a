package org.gddim.process;

/** The {@code log abar(t)} schedule of a {@link Vp} process, its derivative and its inverse. */
public sealed interface VpSchedule {
    String name();

    double logAlphaBar(double t);

    double dLogAlphaBar(double t);

    /** Inverse of {@link #logAlphaBar}: the time at which {@code log abar = logAbar (<= 0)}. */
    double tOfLogAlphaBar(double logAbar);

    double defaultTMax();

    double tLimit();

    /**
     * Linear beta: {@code beta(t) = betaMin + t (betaMax - betaMin)},
     * {@code log abar = -betaMin t - (betaMax - betaMin) t^2 / 2}.
     */
    record LinearBeta(double betaMin, double betaMax) implements VpSchedule {
        public LinearBeta {
            if (!(betaMin > 0 && betaMax > betaMin)) {
                throw new IllegalArgumentException("need 0 < betaMin < betaMax, got " + betaMin + ", " + betaMax);
            }
        }

        @Override
        public String name() {
            return "vp";
        }

        @Override
        public double logAlphaBar(double t) {
            return -betaMin * t - 0.5 * (betaMax - betaMin) * t * t;
        }

        @Override
        public double dLogAlphaBar(double t) {
            return -(betaMin + (betaMax - betaMin) * t);
        }

        @Override
        public double tOfLogAlphaBar(double logAbar) {
            double l = -logAbar; // solve (dBeta/2) t^2 + betaMin t - l = 0, stable root
            return 2 * l / (betaMin + Math.sqrt(betaMin * betaMin + 2 * (betaMax - betaMin) * l));
        }

        @Override
        public double defaultTMax() {
            return 1.0;
        }

        @Override
        public double tLimit() {
            return 1.0;
        }
    }

    /**
     * Cosine (Nichol and Dhariwal): {@code abar(t) = cos^2(theta_t) / cos^2(theta_0)},
     * {@code theta_t = (t + s) / (1 + s) * pi / 2}. {@code abar(1) = 0}, so sampling starts at
     * T = 0.9946 by default (DPM-Solver's choice; abar there is 7e-5, like linear VP at T = 1).
     */
    record Cosine(double s) implements VpSchedule {
        public Cosine {
            if (!(s > 0 && s < 1)) {
                throw new IllegalArgumentException("cosine offset s must be in (0, 1), got " + s);
            }
        }

        private double theta(double t) {
            return (t + s) / (1 + s) * Math.PI / 2;
        }

        @Override
        public String name() {
            return "vp-cosine";
        }

        @Override
        public double logAlphaBar(double t) {
            return 2 * Math.log(Math.cos(theta(t)) / Math.cos(theta(0)));
        }

        @Override
        public double dLogAlphaBar(double t) {
            return -Math.PI / (1 + s) * Math.tan(theta(t));
        }

        @Override
        public double tOfLogAlphaBar(double logAbar) {
            double cosTheta = Math.cos(theta(0)) * Math.exp(0.5 * logAbar);
            return Math.acos(cosTheta) * 2 * (1 + s) / Math.PI - s;
        }

        @Override
        public double defaultTMax() {
            return 0.9946;
        }

        @Override
        public double tLimit() {
            return 0.9999;
        }
    }
}
