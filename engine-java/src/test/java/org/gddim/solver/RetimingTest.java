package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.gddim.process.Vp;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.gddim.solver.Corrector;
import org.gddim.solver.Op;
import org.gddim.solver.Plan;
import org.gddim.solver.SolverKind;
import org.junit.jupiter.api.Test;

/** Retiming moves only the model calls: steps (coefficients) are untouched, calls at t_i go to t^c_i. */
class RetimingTest {
    @Test
    void onlyEvalTimesMoveAndGridTimesMapToNetworkTimes() {
        Vp vp = Vp.linear();
        TimeGrid grid = TimeGrids.logSnr(vp, 1.0, 1e-3, 5);
        double[] t = grid.t();
        double[] tc = t.clone();
        for (int i = 1; i < 5; i++) {
            tc[i] = t[i] * (1 + 0.01 * i);
        }
        for (SolverKind kind : List.of(SolverKind.DPMPP, SolverKind.UNIPC_BH2, SolverKind.GDDIM, SolverKind.IPNDM, SolverKind.PRK)) {
            int order = kind == SolverKind.PRK ? 4 : 2;
            Plan plan = kind.create(order, kind.defaultCorrector()).plan(vp, grid);
            Plan moved = Retiming.apply(plan, t, tc);
            assertEquals(plan.ops().size(), moved.ops().size());
            assertSame(plan.grid(), moved.grid());
            for (int k = 0; k < plan.ops().size(); k++) {
                Op a = plan.ops().get(k);
                Op b = moved.ops().get(k);
                if (a instanceof Op.Eval e) {
                    Op.Eval f = (Op.Eval) b;
                    assertEquals(e.src(), f.src());
                    assertEquals(e.dst(), f.dst());
                    assertEquals(Retiming.networkTime(e.t(), t, tc), f.t(), 0.0);
                    for (int i = 0; i <= 5; i++) {
                        if (e.t() == t[i]) {
                            assertEquals(tc[i], f.t(), 0.0, kind + ": eval at t[" + i + "]");
                        }
                    }
                    if (e.t() < t[1] && e.t() > t[2]) { // a PRK midpoint: linear between t^c_1 and t^c_2
                        double f01 = (e.t() - t[2]) / (t[1] - t[2]);
                        assertEquals(tc[2] + f01 * (tc[1] - tc[2]), f.t(), 1e-15);
                    }
                } else {
                    assertSame(a, b, kind + ": steps are kept as planned");
                }
            }
            assertEquals(plan.ops(), Retiming.apply(plan, t, t).ops(), kind + ": identity retiming");
        }
    }

    @Test
    void identityOnUnitCorrector() {
        Plan plan = SolverKind.GDDIM.create(2, Corrector.PECE).plan(Vp.linear(), TimeGrids.uniform(1.0, 1e-3, 4));
        double[] t = plan.grid().t();
        assertEquals(plan.ops(), Retiming.apply(plan, t, t.clone()).ops());
    }
}
