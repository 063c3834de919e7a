package org.gddim.solver;

import java.util.ArrayList;
import java.util.List;
import org.gddim.schedule.TimeGrid;
import org.gddim.structure.Structure;

/**
 * Writes a {@link Plan} in the words of the papers: it owns the buffer table (the state {@link Plan#U}, then
 * {@code scratch} named buffers 1 .. scratch, then a ring of {@code slots} history buffers) so that a solver says
 * {@code eps(n)}, {@code eps(n - 1)} (or {@code m(k)} for data predictions) instead of slot arithmetic, and a fused
 * step reads as its equation: {@code plan.step(U, next).psi(a).plus(c0, eps(n)).plus(c1, eps(n - 1))}. The plan it
 * builds is plain data (the {@link Op} list); the builder only names its operands.
 */
final class PlanBuilder {
    private final String method;
    private final Structure structure;
    private final TimeGrid grid;
    private final int firstSlot;
    private final int slots;
    private final List<Object> ops = new ArrayList<>(); // Op or an open Step, in program order

    /**
     * @param scratch named buffers after U (numbered 1 .. scratch by the solver)
     * @param slots length of the history ring that follows them
     */
    PlanBuilder(String method, Structure structure, TimeGrid grid, int scratch, int slots) {
        this.method = method;
        this.structure = structure;
        this.grid = grid;
        this.firstSlot = 1 + scratch;
        this.slots = slots;
    }

    /** The ring buffer that holds {@code eps_n} (history entry n; entries n and n + slots share one buffer). */
    int eps(int n) {
        return firstSlot + n % slots;
    }

    /** The ring buffer that holds the data prediction {@code m_k} (same ring as {@link #eps}). */
    int m(int k) {
        return eps(k);
    }

    /** {@code buf[dst] = eps_theta(buf[src], t)}: one network evaluation. */
    void eval(int src, double t, int dst) {
        ops.add(new Op.Eval(src, t, dst));
    }

    /** Opens the fused step {@code buf[dst] = psi buf[src] + sum_j c_j buf[term_j]} whose result belongs to time {@code t}. */
    Step step(int dst, double t) {
        Step s = new Step(dst, t);
        ops.add(s);
        return s;
    }

    /** The plan: every op in the order it was added. */
    Plan build() {
        List<Op> out = new ArrayList<>(ops.size());
        for (Object op : ops) {
            out.add(op instanceof Step s ? s.op() : (Op) op);
        }
        return new Plan(method, structure, grid, firstSlot + slots, out);
    }

    /** One fused step being written; it reads {@link Plan#U} unless {@link #from} says otherwise. */
    static final class Step {
        private final int dst;
        private final double t;
        private int src = Plan.U;
        private double[] psi;
        private final List<Integer> terms = new ArrayList<>();
        private final List<double[]> c = new ArrayList<>();
        private Op.Noise noise;

        private Step(int dst, double t) {
            this.dst = dst;
            this.t = t;
        }

        /** The buffer the transition acts on. */
        Step from(int src) {
            this.src = src;
            return this;
        }

        /** The transition {@code psi} (in the plan's structure). */
        Step psi(double[] psi) {
            this.psi = psi;
            return this;
        }

        /** A scalar transition. */
        Step psi(double psi) {
            return psi(new double[] {psi});
        }

        /** Adds {@code c buf[term]} ({@code c} in the plan's structure). */
        Step plus(double[] c, int term) {
            this.terms.add(term);
            this.c.add(c);
            return this;
        }

        /** Adds {@code c buf[term]} with a scalar coefficient. */
        Step plus(double c, int term) {
            return plus(new double[] {c}, term);
        }

        /** Adds {@code s z}, {@code z} standard-normal noise of stream {@code stream}. */
        Step noise(int stream, double[] s) {
            this.noise = new Op.Noise(stream, s);
            return this;
        }

        private Op.Step op() {
            if (psi == null) {
                throw new IllegalStateException("step into buffer " + dst + " at t = " + t + " has no psi");
            }
            return new Op.Step(dst, src, t, psi, terms.stream().mapToInt(Integer::intValue).toArray(),
                    c.toArray(new double[0][]), noise);
        }
    }
}
