package org.gddim.ld3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gddim.backend.Backend;
import org.gddim.backend.Backends;
import org.gddim.backend.BackendKind;
import org.gddim.model.GaussianMixture;
import org.gddim.model.GmmScore;
import org.gddim.process.Cld;
import org.gddim.process.Process;
import org.gddim.process.Vp;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Corrector;
import org.gddim.solver.Plan;
import org.gddim.solver.Solver;
import org.gddim.solver.SolverKind;
import org.gddim.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Training on small seeded GMM cases: the learned grid is strict with its endpoints kept, on held-out noise (another
 * seed, never trained or validated on) it never scores worse than its initialisation, and the same seed gives the
 * same grid bit for bit. Lambda-mode (VP, DPM-Solver++(2M)) and time-mode (CLD, gDDIM).
 */
class Ld3TrainerTest {
    private record Case(Process process, GaussianMixture gmm, Solver solver, Solver teacher, int teacherSteps, int steps) {}

    private static Case vp() {
        return new Case(Vp.linear(), Fixtures.gmm8d(), SolverKind.DPMPP.create(2, Corrector.NONE),
                SolverKind.UNIPC_BH2.create(2, Corrector.PEC), 30, 5);
    }

    private static Case cld() {
        return new Case(Cld.standard(), Fixtures.gmm2d(), SolverKind.GDDIM.create(2, Corrector.NONE),
                SolverKind.GDDIM.create(3, Corrector.NONE), 60, 6);
    }

    private record Outcome(Ld3Trainer.Result result, double[] t, double[] tc, double heldOutInitial, double heldOutLearned) {}

    private static Outcome train(Case c, long seed, boolean soft) {
        Ld3Settings settings = Ld3Settings.defaults(seed).withBudget(3, 120).withSoft(soft);
        try (Backend backend = Backends.open(BackendKind.JAVA)) {
            GmmScore model = new GmmScore(c.gmm(), c.process());
            double tMax = c.process().defaultTMax();
            double tMin = c.process().defaultTMin();
            Endpoints endpoints = new Endpoints(c.process(), model, backend, tMax);
            Plan teacherPlan = c.teacher().plan(c.process(), TimeGrids.power(tMax, tMin, c.teacherSteps(), 2));
            TeacherPairs pairs = TeacherPairs.generate(endpoints, teacherPlan, seed, 96);
            LogitGrid grid = LogitGrid.of(c.process(), tMax, tMin, c.steps());
            Student student = new Student(c.process(), c.solver(), grid, endpoints);
            Ld3Trainer.Result r = Ld3Trainer.train(student, pairs.slice(0, 48), pairs.slice(48, 48), settings, Ld3Listener.NONE);
            TeacherPairs heldOut = TeacherPairs.generate(endpoints, teacherPlan, seed + 1000, 256);
            double init = L2Distance.mean(student.losses(Ld3Parameters.initial(c.steps()), heldOut.z(), heldOut.y(), 256));
            double learned = L2Distance.mean(student.losses(r.best(), heldOut.z(), heldOut.y(), 256));
            return new Outcome(r, student.solverTimes(r.best()), student.networkTimes(r.best()), init, learned);
        }
    }

    private static void assertLearned(Case c, Outcome o) {
        double[] t = o.t();
        assertEquals(c.process().defaultTMax(), t[0], 0.0, "start kept");
        assertEquals(c.process().defaultTMin(), t[t.length - 1], 0.0, "end kept");
        assertEquals(c.steps() + 1, t.length);
        for (int i = 1; i < t.length; i++) {
            assertTrue(t[i] < t[i - 1], "strictly decreasing at " + i + ": " + java.util.Arrays.toString(t));
            assertTrue(o.tc()[i] < o.tc()[i - 1], "network times decreasing at " + i);
        }
        assertTrue(o.result().bestValLoss() <= o.result().initialValLoss(), "validation never worse than the start");
        assertTrue(o.heldOutLearned() <= o.heldOutInitial(), "held-out loss " + o.heldOutLearned() + " > initial "
                + o.heldOutInitial() + " (" + c.process().name() + ")");
        assertTrue(o.result().bestValLoss() < o.result().initialValLoss(), "training improved the validation loss");
    }

    @Test
    void lambdaModeGridIsStrictKeepsEndsAndNeverScoresWorseOnHeldOutNoise() {
        assertLearned(vp(), train(vp(), 21, true));
    }

    @Test
    void timeModeGridOnCldWithGddim() {
        assertLearned(cld(), train(cld(), 22, false));
    }

    @Test
    void sameSeedGivesTheSameGridBitForBit() {
        Outcome a = train(vp(), 23, true);
        Outcome b = train(vp(), 23, true);
        assertArrayEquals(a.t(), b.t(), 0.0);
        assertArrayEquals(a.tc(), b.tc(), 0.0);
        assertEquals(a.result().history().size(), b.result().history().size());
        assertEquals(a.result().bestValLoss(), b.result().bestValLoss(), 0.0);
    }
}
