package org.gddim.ld3;

import org.gddim.backend.Backend;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.process.Process;
import org.gddim.reference.ProbabilityFlowReference;
import org.gddim.rng.GaussianNoise;
import org.gddim.solver.Plan;
import org.gddim.solver.Solver;

/**
 * LD3 on an exact Gaussian-mixture oracle (docs/ld3.md): the teacher is the converged solution of the probability-flow
 * ODE (Dormand-Prince at tolerance 1e-9 from the same float32 starts a run holds), so the student learns to match the
 * exact flow; training and validation pairs come from one seed, the held-out pairs that score every grid from another,
 * never used in training.
 */
public final class OracleCase {
    /** Seeds of the training/validation noise and of the held-out noise. */
    public static final long TRAIN_SEED = 1;
    public static final long HELD_OUT_SEED = 2;

    private final Process process;
    private final GmmScore score;
    private final Endpoints endpoints;
    private final TeacherPairs train;
    private final TeacherPairs val;
    private final TeacherPairs heldOut;
    private final double referenceSeconds;

    public OracleCase(GaussianMixture gmm, Process process, Backend backend, int trainCount, int valCount, int heldOutCount) {
        this.process = process;
        this.score = new GmmScore(gmm, process);
        this.endpoints = new Endpoints(process, score, backend, process.defaultTMax());
        long t0 = System.nanoTime();
        TeacherPairs pairs = exact(TRAIN_SEED, trainCount + valCount);
        this.train = pairs.slice(0, trainCount);
        this.val = pairs.slice(trainCount, valCount);
        this.heldOut = exact(HELD_OUT_SEED, heldOutCount);
        this.referenceSeconds = (System.nanoTime() - t0) / 1e9;
    }

    private TeacherPairs exact(long seed, int count) {
        int dim = endpoints.stateDim();
        int d = endpoints.dataDim();
        float[] z = new float[count * dim];
        GaussianNoise.fill(seed, GaussianNoise.PRIOR_STREAM, 0, count, dim, z, 0);
        double tMax = process.defaultTMax();
        double[] xT = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            xT[i] = (float) (process.priorStd(tMax, (i % dim) / d) * z[i]);
        }
        double[] u = new ProbabilityFlowReference(process, score, 1e-9).solve(xT, count, tMax, process.defaultTMin());
        float[] y = new float[count * d];
        for (int b = 0; b < count; b++) {
            for (int j = 0; j < d; j++) {
                y[b * d + j] = (float) u[b * dim + j]; // the data plane comes first in the state (x of CLD)
            }
        }
        return new TeacherPairs(z, y, count, dim, d);
    }

    public Process process() {
        return process;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public double referenceSeconds() {
        return referenceSeconds;
    }

    /** The student of {@code solver} with {@code steps} steps. */
    public Student student(Solver solver, int steps) {
        return new Student(process, solver, LogitGrid.of(process, process.defaultTMax(), process.defaultTMin(), steps), endpoints);
    }

    /** Trains {@code student}. */
    public Ld3Trainer.Result train(Student student, Ld3Settings settings) {
        return Ld3Trainer.train(student, train, val, settings, Ld3Listener.NONE);
    }

    /**
     * The held-out end-point errors of {@code plan}: {@code {relative RMS ||x - y|| / ||y|| over all pairs, median over
     * pairs of the per-pair relative error}} (the atlas' two statistics: a pair that lands in another mode of the
     * mixture adds an O(1) error, so the RMS shows such flips and the median the typical pair).
     */
    public double[] heldOutErrors(Plan plan) {
        float[] x = endpoints.run(plan, heldOut.z(), 0, heldOut.count());
        int d = heldOut.dataDim();
        double num = 0;
        double den = 0;
        double[] per = new double[heldOut.count()];
        for (int b = 0; b < per.length; b++) {
            double n = 0;
            double r = 0;
            for (int j = b * d; j < (b + 1) * d; j++) {
                double e = (double) x[j] - heldOut.y()[j];
                n += e * e;
                r += (double) heldOut.y()[j] * heldOut.y()[j];
            }
            num += n;
            den += r;
            per[b] = Double.isFinite(n) ? Math.sqrt(n / r) : Double.POSITIVE_INFINITY;
        }
        java.util.Arrays.sort(per);
        return new double[] {Double.isFinite(num) ? Math.sqrt(num / den) : Double.POSITIVE_INFINITY, per[per.length / 2]};
    }

    /** The held-out relative RMS error of {@code plan}. */
    public double heldOutError(Plan plan) {
        return heldOutErrors(plan)[0];
    }

    /** The held-out error of the student at {@code p}. */
    public double heldOutError(Student student, Ld3Parameters p) {
        return heldOutError(student.plan(p));
    }
}
