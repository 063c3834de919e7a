package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.gddim.model.GmmScore;
import org.gddim.process.Edm;
import org.gddim.process.ScalarProcess;
import org.gddim.process.Ve;
import org.gddim.process.Vp;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.testing.Fixtures;
import org.gddim.testing.Runs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The identities between methods that must hold exactly (to rounding): the first-order members of every family
 * are DDIM; UniP-2 with B(h) = e^h - 1 is DPM-Solver++(2M); UniPC's predictor is UniP; F-PNDM starts with PRK
 * and PLMS with S-PNDM's improved Euler; DEIS tAB is gDDIM's predictor, rhoAB is tAB where rho = t (EDM), and
 * rhoRK4 is PRK there; EDM Heun is DEIS rhoRK-Heun up to its final Euler step. Also the NFE accounting of the
 * papers (spec 2.5, 2.8, 8).
 */
class SolverEquivalenceTest {
    static List<ScalarProcess> processes() {
        return List.of(Vp.linear(), Vp.cosine(), Ve.standard(), Edm.standard());
    }

    private static TimeGrid grid(ScalarProcess p, GridKind kind, int steps) {
        return TimeGrids.make(kind, p, p.defaultTMax(), p.defaultTMin(), steps);
    }

    /** End states of a float64 run from seeded prior noise on the 8-D oracle. */
    private static double[] run(Solver solver, ScalarProcess p, TimeGrid grid) {
        double[] x = Fixtures.normals(5, 6 * 8);
        for (int i = 0; i < x.length; i++) {
            x[i] *= p.priorStd(grid.at(0));
        }
        return Runs.runF64(solver, p, grid, new GmmScore(Fixtures.gmm8d(), p), x, 6);
    }

    private static List<Op.Step> steps(Plan plan) {
        List<Op.Step> s = new ArrayList<>();
        for (Op op : plan.ops()) {
            if (op instanceof Op.Step step) {
                s.add(step);
            }
        }
        return s;
    }

    /** Same coefficients (psi, c, target time), step by step, to a relative tolerance; buffer numbering may differ. */
    private static void assertSameSteps(List<Op.Step> a, List<Op.Step> b, double tol, String what) {
        assertEquals(a.size(), b.size(), what + ": number of steps");
        for (int i = 0; i < a.size(); i++) {
            Op.Step x = a.get(i);
            Op.Step y = b.get(i);
            assertEquals(x.t(), y.t(), 1e-15 * Math.abs(x.t()), what + " step " + i + " time");
            assertEquals(x.psi()[0], y.psi()[0], tol * Math.abs(x.psi()[0]), what + " step " + i + " psi");
            assertEquals(x.c().length, y.c().length, what + " step " + i + " terms");
            for (int j = 0; j < x.c().length; j++) {
                assertEquals(x.c()[j][0], y.c()[j][0], tol * Math.abs(x.c()[j][0]) + 1e-300, what + " step " + i + " c" + j);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("processes")
    void eulerIsDdim(ScalarProcess p) {
        for (GridKind kind : GridKind.values()) {
            if (kind.discrete()) {
                continue;
            }
            TimeGrid g = grid(p, kind, 17);
            assertSameSteps(steps(new Ddim().plan(p, g)), steps(new Euler().plan(p, g)), 1e-12, p.name() + " " + kind);
        }
    }

    @ParameterizedTest
    @MethodSource("processes")
    void everyFirstOrderMemberIsDdim(ScalarProcess p) {
        TimeGrid g = grid(p, GridKind.LOGSNR, 12);
        double[] ddim = run(new Ddim(), p, g);
        List<Supplier<Solver>> firstOrder = List.of(() -> new Ipndm(1), () -> new DpmSolverPlusPlus(1, true),
                () -> new UniPc(1, UniPc.Variant.BH1, false, true), () -> new UniPc(1, UniPc.Variant.BH2, false, false),
                () -> new Deis(Deis.Variant.T_AB, 1), () -> new Deis(Deis.Variant.RHO_AB, 1),
                () -> new Deis(Deis.Variant.RHO_RK, 1));
        for (Supplier<Solver> s : firstOrder) {
            Solver solver = s.get();
            double diff = Fixtures.relativeRms(run(solver, p, g), ddim);
            assertTrue(diff < 1e-12, p.name() + " " + solver.describe() + " differs from DDIM by " + diff);
        }
    }

    @ParameterizedTest
    @MethodSource("processes")
    void uniP2WithBh2IsDpmSolverPlusPlus2M(ScalarProcess p) {
        TimeGrid g = grid(p, GridKind.EDM, 20);
        assertSameSteps(steps(new DpmSolverPlusPlus(2, false).plan(p, g)),
                steps(new UniPc(2, UniPc.Variant.BH2, false, false).plan(p, g)), 1e-12, p.name());
        TimeGrid short10 = grid(p, GridKind.LOGSNR, 10); // both lower the last step's order when N < 15
        assertSameSteps(steps(new DpmSolverPlusPlus(2, true).plan(p, short10)),
                steps(new UniPc(2, UniPc.Variant.BH2, false, true).plan(p, short10)), 1e-12, p.name() + " N = 10");
    }

    @ParameterizedTest
    @MethodSource("processes")
    void uniPcPredictsWithUniP(ScalarProcess p) {
        TimeGrid g = grid(p, GridKind.LOGSNR, 9);
        for (UniPc.Variant v : UniPc.Variant.values()) {
            for (int order = 1; order <= 3; order++) {
                List<Op.Step> withC = predictors(new UniPc(order, v, true, true).plan(p, g));
                List<Op.Step> without = predictors(new UniPc(order, v, false, true).plan(p, g));
                assertSameSteps(withC, without, 1e-15, p.name() + " " + v + " order " + order);
            }
        }
    }

    /** The last step before each evaluation and the final step: the predictor of every grid step. */
    private static List<Op.Step> predictors(Plan plan) {
        List<Op.Step> out = new ArrayList<>();
        Op.Step last = null;
        for (Op op : plan.ops()) {
            if (op instanceof Op.Eval && last != null) {
                out.add(last);
            }
            last = op instanceof Op.Step s ? s : null;
        }
        out.add(last);
        return out;
    }

    @ParameterizedTest
    @MethodSource("processes")
    void fPndmStartsWithPrkAndPlmsWithImprovedEuler(ScalarProcess p) {
        TimeGrid three = grid(p, GridKind.LOGSNR, 3);
        assertArrayEquals(run(new Pndm(Pndm.Variant.PRK), p, three), run(new Pndm(Pndm.Variant.F_PNDM), p, three));
        TimeGrid two = grid(p, GridKind.LOGSNR, 2);
        assertArrayEquals(run(new Pndm(Pndm.Variant.S_PNDM), p, two), run(new Pndm(Pndm.Variant.PLMS), p, two));
    }

    @Test
    void pndmEvaluatesWhereDiffusersDoes() {
        // diffusers PNDMScheduler, n = 10 (spec 2.8): PRK mode 900,850,850,800, 800,750,750,700, 700,650,650,600,
        // 600,500,..,0 (19 calls); PLMS-only mode the second time point twice (n + 1 calls).
        Vp vp = Vp.linear();
        TimeGrid g = grid(vp, GridKind.UNIFORM, 10);
        List<Double> f = evalTimes(new Pndm(Pndm.Variant.F_PNDM).plan(vp, g));
        List<Double> want = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            double m = 0.5 * (g.at(n) + g.at(n + 1));
            want.addAll(List.of(g.at(n), m, m, g.at(n + 1)));
        }
        for (int n = 3; n < 10; n++) {
            want.add(g.at(n));
        }
        assertEquals(want, f);
        List<Double> plms = evalTimes(new Pndm(Pndm.Variant.PLMS).plan(vp, g));
        List<Double> plmsWant = new ArrayList<>(List.of(g.at(0), g.at(1)));
        for (int n = 1; n < 10; n++) {
            plmsWant.add(g.at(n));
        }
        assertEquals(plmsWant, plms);
    }

    private static List<Double> evalTimes(Plan plan) {
        List<Double> t = new ArrayList<>();
        for (Op op : plan.ops()) {
            if (op instanceof Op.Eval e) {
                t.add(e.t());
            }
        }
        return t;
    }

    @ParameterizedTest
    @MethodSource("processes")
    void deisTabIsTheGddimPredictor(ScalarProcess p) {
        TimeGrid g = grid(p, GridKind.QUADRATIC, 11);
        for (int q = 1; q <= 4; q++) {
            assertSameSteps(steps(new GDdim(q, Corrector.NONE).plan(p, g)), steps(new Deis(Deis.Variant.T_AB, q).plan(p, g)),
                    0, p.name() + " q=" + q);
        }
    }

    @Test
    void whereRhoIsTimeRhoMethodsAreTheirTimeTwins() {
        Edm edm = Edm.standard(); // rho = sigma = t
        TimeGrid g = grid(edm, GridKind.EDM, 14);
        for (int q = 1; q <= 4; q++) {
            assertSameSteps(steps(new Deis(Deis.Variant.T_AB, q).plan(edm, g)), steps(new Deis(Deis.Variant.RHO_AB, q).plan(edm, g)),
                    1e-10, "rhoAB vs tAB q=" + q);
        }
        double diff = Fixtures.relativeRms(run(new Deis(Deis.Variant.RHO_RK, 4), edm, g), run(new Pndm(Pndm.Variant.PRK), edm, g));
        assertTrue(diff < 1e-13, "rhoRK4 vs PRK on EDM: " + diff);
    }

    @ParameterizedTest
    @MethodSource("processes")
    void edmHeunIsRhoRkHeunUntilItsFinalEulerStep(ScalarProcess p) {
        TimeGrid g = grid(p, GridKind.LOGSNR, 8);
        List<Op.Step> heun = steps(new EdmHeun().plan(p, g));
        List<Op.Step> rk2 = steps(new Deis(Deis.Variant.RHO_RK, 2).plan(p, g));
        assertSameSteps(heun.subList(0, heun.size() - 1), rk2.subList(0, rk2.size() - 2), 1e-12, p.name());
    }

    @Test
    void nfeAccountingIsThePapers() {
        Edm edm = Edm.standard();
        for (int[] c : new int[][] {{13, 25}, {25, 49}, {40, 79}}) { // spec 8: EDM Heun, N points -> 2N - 1 NFE
            assertEquals(c[1], new EdmHeun().plan(edm, grid(edm, GridKind.EDM, c[0])).nfe());
        }
        for (int n : new int[] {1, 2, 3, 4, 10, 50}) {
            TimeGrid g = grid(edm, GridKind.EDM, n);
            assertEquals(4 * n, new Pndm(Pndm.Variant.PRK).plan(edm, g).nfe());
            assertEquals(n >= 3 ? n + 9 : 4 * n, new Pndm(Pndm.Variant.F_PNDM).plan(edm, g).nfe());
            assertEquals(n + 1, new Pndm(Pndm.Variant.PLMS).plan(edm, g).nfe());
            assertEquals(n + 1, new Pndm(Pndm.Variant.S_PNDM).plan(edm, g).nfe());
            assertEquals(3 * n, new Deis(Deis.Variant.RHO_RK, 3).plan(edm, g).nfe());
            assertEquals(n, new UniPc(3, UniPc.Variant.BH2, true, true).plan(edm, g).nfe());
        }
    }

    @Test
    void stepsForIsTheLargestGridWithinTheBudget() {
        Edm edm = Edm.standard();
        List<Solver> all = List.of(new Euler(), new EdmHeun(), new Pndm(Pndm.Variant.PRK), new Pndm(Pndm.Variant.PLMS),
                new Pndm(Pndm.Variant.F_PNDM), new Pndm(Pndm.Variant.S_PNDM), new Ipndm(4), new Deis(Deis.Variant.T_AB, 3),
                new Deis(Deis.Variant.RHO_AB, 3), new Deis(Deis.Variant.RHO_RK, 3), new DpmSolverPlusPlus(3, true),
                new UniPc(2, UniPc.Variant.BH2, true, true));
        for (Solver s : all) {
            for (int nfe = s.minNfe(); nfe <= 40; nfe++) {
                int n = s.stepsFor(nfe);
                assertTrue(n >= 1, s.describe() + " nfe " + nfe);
                assertTrue(s.plan(edm, grid(edm, GridKind.EDM, n)).nfe() <= nfe, s.describe() + " nfe " + nfe);
                assertTrue(s.plan(edm, grid(edm, GridKind.EDM, n + 1)).nfe() > nfe, s.describe() + " nfe " + nfe + " not tight");
            }
        }
    }
}
