package org.gddim.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.gddim.process.DiscreteVp;
import org.gddim.process.ProcessKind;
import org.gddim.schedule.GridKind;
import org.gddim.schedule.TimeGrid;
import org.gddim.schedule.TimeGrids;
import org.junit.jupiter.api.Test;

/**
 * diffusers' last step to sigma = 0 after the grid: one evaluation at the grid's end and DDIM's step to abar = 1,
 * {@code x0 = x/sqrt(abar) - sqrt((1 - abar)/abar) eps} (closed form), with the solvers before it planned as
 * diffusers plans the steps before its last one: DPM-Solver++'s lower_order_final and lower_order_second, UniPC's
 * {@code min(order, N - k)}, and Heun's every step a full Heun step.
 */
class SigmaZeroEndTest {
    private static final DiscreteVp DDPM = (DiscreteVp) ProcessKind.DDPM_LINEAR.create();
    // trailing 999, 899, .., 99 with the grid ending at label 99 (t_min = 100/1000), as the CLI plans it
    private static final TimeGrid GRID = TimeGrids.make(GridKind.TRAILING, DDPM, 1.0, DDPM.timeOf(99), 10);

    @Test
    void theLastStepIsTheDataPrediction() {
        assertEquals(9, GRID.steps());
        Plan base = new Ddim().plan(DDPM, GRID);
        Plan plan = new SigmaZeroEnd(new Ddim()).plan(DDPM, GRID);
        assertEquals(base.nfe() + 1, plan.nfe());
        List<Op> ops = plan.ops();
        Op.Eval eval = (Op.Eval) ops.get(ops.size() - 2);
        Op.Step step = (Op.Step) ops.getLast();
        assertEquals(DDPM.timeOf(99), eval.t(), 1e-15);
        double abar = DDPM.alphaBarAt(99);
        assertEquals(1 / Math.sqrt(abar), step.psi()[0], 1e-13);
        assertEquals(-Math.sqrt((1 - abar) / abar), step.c()[0][0], 1e-13);
        assertArrayEquals(new int[] {eval.dst()}, step.terms());
        assertEquals(Plan.U, step.dst());
        for (int i = 0; i < base.ops().size(); i++) { // DDIM's own steps are unchanged
            if (base.ops().get(i) instanceof Op.Step b) {
                Op.Step o = (Op.Step) ops.get(i);
                assertArrayEquals(b.psi(), o.psi(), 0);
                assertArrayEquals(b.c()[0], o.c()[0], 0);
            } else {
                assertEquals(base.ops().get(i), ops.get(i));
            }
        }
    }

    @Test
    void multistepOrdersCountTheStepToSigmaZero() {
        // diffusers, N = 10 timesteps, lower_order_final: DPM-Solver++ 3M has order 2 at step N - 2 (lower_order_second)
        // and 1 at the last, the step to sigma = 0; the engine's 9 grid steps are the first nine
        DpmSolverPlusPlus dpm = new DpmSolverPlusPlus(3, true).beforeOneMoreStep();
        assertArrayEquals(new int[] {1, 2, 3, 3, 3, 3, 3, 3, 2}, IntStream.range(0, 9).map(k -> dpm.orderOfStep(k, 9)).toArray());
        DpmSolverPlusPlus alone = new DpmSolverPlusPlus(3, true); // without the step after: 3, 2, 1 at the end
        assertArrayEquals(new int[] {1, 2, 3, 3, 3, 3, 3, 2, 1}, IntStream.range(0, 9).map(k -> alone.orderOfStep(k, 9)).toArray());
        UniPc unipc = new UniPc(3, UniPc.Variant.BH2, true, true).beforeOneMoreStep(); // min(order, N - k), N = 10
        assertArrayEquals(new int[] {1, 2, 3, 3, 3, 3, 3, 3, 2}, IntStream.range(0, 9).map(k -> unipc.orderOfStep(k, 9)).toArray());
    }

    @Test
    void heunTakesFullStepsBeforeIt() {
        // diffusers' Heun: N timesteps cost 2N - 1 NFE, the last step (to 0) being Euler's
        assertEquals(2 * 9 - 1, new EdmHeun().plan(DDPM, GRID).nfe());
        assertEquals(2 * 9 + 1, new SigmaZeroEnd(new EdmHeun()).plan(DDPM, GRID).nfe());
    }

    @Test
    void otherSolversAreRefused() {
        for (Solver s : List.of(new Pndm(Pndm.Variant.PLMS), new Deis(Deis.Variant.RHO_AB, 3), new GDdim(2, Corrector.NONE))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SigmaZeroEnd(s));
            assertTrue(e.getMessage().contains(s.describe()), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SolverSpec.of(SolverKind.PLMS).withSigmaZeroEnd());
        assertTrue(SolverSpec.of(SolverKind.DDIM).withSigmaZeroEnd().create() instanceof SigmaZeroEnd);
    }
}
