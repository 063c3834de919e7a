package org.gddim.ld3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gddim.backend.Backend;
import org.gddim.backend.Backends;
import org.gddim.backend.BackendKind;
import org.gddim.model.GmmScore;
import org.gddim.process.Process;
import org.gddim.process.Vp;
import org.gddim.rng.GaussianNoise;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Op;
import org.gddim.solver.Plan;
import org.gddim.solver.Sampler;
import org.gddim.solver.SamplerState;
import org.gddim.solver.Solver;
import org.gddim.solver.SolverKind;
import org.gddim.solver.StepObserver;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The LD3 objective equals a direct computation of the student-teacher distance on the same noise: the teacher
 * endpoints are the seeded prior draws run through the teacher plan, the student's the same draws through the
 * solver planned on t(theta) with every model call written at t^c by hand, the distance the mean squared error
 * per dimension, all recomputed here without the ld3 classes' own loops.
 */
class Ld3ObjectiveTest {
    @Test
    void objectiveEqualsTheDirectStudentTeacherDistance() {
        Process vp = Vp.linear();
        GmmScore model = new GmmScore(Fixtures.gmm8d(), vp);
        int d = 8;
        int count = 16;
        long seed = 3;
        try (Backend backend = Backends.open(BackendKind.JAVA)) {
            Endpoints endpoints = new Endpoints(vp, model, backend, 1.0);
            Solver teacher = SolverKind.UNIPC_BH2.create(2, SolverKind.UNIPC_BH2.defaultCorrector());
            Plan teacherPlan = teacher.plan(vp, TimeGrids.logSnr((Vp) vp, 1.0, 1e-3, 30));
            TeacherPairs pairs = TeacherPairs.generate(endpoints, teacherPlan, seed, count);

            float[] z = new float[count * d];
            GaussianNoise.fill(seed, GaussianNoise.PRIOR_STREAM, 0, count, d, z, 0);
            float[] y = run(teacherPlan, model, backend, z, count, d);
            for (int i = 0; i < z.length; i++) {
                assertEquals(z[i], pairs.z()[i], 0.0);
                assertEquals(y[i], pairs.y()[i], 0.0, "teacher endpoint " + i);
            }

            Solver solver = SolverKind.DPMPP.create(2, SolverKind.DPMPP.defaultCorrector());
            LogitGrid grid = LogitGrid.of(vp, 1.0, 1e-3, 5);
            Student student = new Student(vp, solver, grid, endpoints);
            SplittableRandom rng = new SplittableRandom(9);
            double[] theta = new double[6];
            double[] s = new double[6];
            for (int i = 1; i <= 5; i++) {
                theta[i] = rng.nextDouble(-1, 1);
                s[i] = i < 5 ? rng.nextDouble(-1, 1) : 0;
            }
            Ld3Parameters p = new Ld3Parameters(theta, s);
            double[] losses = student.losses(p, pairs.z(), pairs.y(), count);

            // direct: the grid by its formula, the network times by theirs, the retimed plan by hand
            double[] t = new double[6];
            double total = 0;
            for (int i = 1; i <= 5; i++) {
                total += Math.exp(theta[i]);
            }
            double l0 = Math.log(((Vp) vp).rho(1.0));
            double l1 = Math.log(((Vp) vp).rho(1e-3));
            double c = 0;
            t[0] = 1.0;
            t[5] = 1e-3;
            for (int i = 1; i < 5; i++) {
                c += Math.exp(theta[i]);
                t[i] = ((Vp) vp).tOfRho(Math.exp(l0 + c / total * (l1 - l0)));
            }
            double delta = Double.POSITIVE_INFINITY;
            for (int i = 1; i <= 5; i++) {
                delta = Math.min(delta, Math.log(((Vp) vp).rho(t[i - 1]) / ((Vp) vp).rho(t[i])));
            }
            double[] tc = t.clone();
            for (int i = 1; i < 5; i++) {
                tc[i] = ((Vp) vp).tOfRho(((Vp) vp).rho(t[i]) * Math.exp(s[i] * 0.5 * delta));
            }
            Plan plan = solver.plan(vp, new TimeGrid(t));
            List<Op> ops = new ArrayList<>();
            for (Op op : plan.ops()) {
                if (op instanceof Op.Eval e) {
                    int i = java.util.Arrays.binarySearch(negate(t), -e.t());
                    ops.add(new Op.Eval(e.src(), tc[i], e.dst()));
                } else {
                    ops.add(op);
                }
            }
            float[] x = run(new Plan(plan.method(), plan.structure(), plan.grid(), plan.buffers(), ops), model, backend, z, count, d);
            for (int b = 0; b < count; b++) {
                double sum = 0;
                for (int j = 0; j < d; j++) {
                    double e = (double) x[b * d + j] - y[b * d + j];
                    sum += e * e;
                }
                assertEquals(sum / d, losses[b], 1e-9 * (sum / d), "sample " + b + " (seeds 3, 9)");
            }
        }
    }

    private static double[] negate(double[] t) {
        double[] out = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = -t[i];
        }
        return out;
    }

    private static float[] run(Plan plan, GmmScore model, Backend backend, float[] z, int count, int d) {
        SamplerState state = new SamplerState(backend, plan, count, d);
        float[] x = z.clone(); // VP: prior std 1 at T = 1
        backend.write(state.u(), 0, x);
        Sampler.run(plan, model, backend, state, StepObserver.NONE);
        float[] out = new float[count * d];
        backend.read(state.u(), 0, out);
        return out;
    }
}
