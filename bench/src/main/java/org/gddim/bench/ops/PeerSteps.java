package org.gddim.bench.ops;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.process.ScalarProcess;
import org.gddim.schedule.TimeGrid;
import org.gddim.solver.Op;

/**
 * The peers' version of one solver step (performance-and-peers.md 1.2-1.8): the same update as the engine's
 * fused steps ({@link SolverSteps}), written as eager PyTorch runs it, one full-tensor pass per operator, on
 * libgdkbench's C loops (built like libgdk's kernel). Scalars are computed on the host (0-d tensor arithmetic
 * costs no pass). Inputs are the fused plan's own buffers, bound by role from its steps, so the two can be
 * checked equal before timing (PeerStepsMatchFusedTest). Sequences, diffusers HEAD, epsilon prediction, fp32:
 * <ul>
 *   <li>DDIM, PLMS-4: {@link SeparatePasses} (DDIMScheduler.step; PNDMScheduler.step_plms + _get_prev_sample).
 *   <li>PRK: PNDMScheduler.step_prk, four calls: {@code cur_model_output += w * model_output} (scale, add;
 *       the first adds to the int 0, a scalar add), then {@code _get_prev_sample} from the saved sample (4 passes).
 *   <li>DPM-Solver++(2M): convert_model_output {@code (sample - sigma * eps) / alpha} (3), then
 *       {@code D1 = (1/r0) * (m0 - m1)} (2) and {@code x = (s_t/s_s) x - (a (e^-h - 1)) D0 - 0.5 (a (e^-h - 1)) D1} (5).
 *   <li>DPM-Solver++(3M): convert (3), {@code D1_0, D1_1} (2 + 2), {@code D1} (3), {@code D2} (2; Python
 *       recomputes {@code D1_0 - D1_1}), the update (7).
 *   <li>UniPC-2 bh2 with corrector: convert (3); multistep_uni_c_bh_update: {@code (mi - m0) / rk} (2),
 *       {@code torch.stack} (1 copy), {@code x_t_} (3), einsum (1), {@code D1_t} (1), the correction (4);
 *       multistep_uni_p_bh_update: D1s (2), stack (1), {@code x_t_} (3), einsum (1), the update (2).
 *   <li>EDM Heun, k-diffusion sample_heun (churn 0) on an eps network: the wrapper's
 *       {@code denoised = x + eps * c_out} per call (2 + 2), {@code to_d} (2 + 2), {@code x_2 = x + d dt} (2),
 *       {@code d' = (d + d_2)/2} (2), {@code x = x + d' dt} (2). Not counted: its unconditional
 *       {@code randn_like(x) * s_noise} per step.
 * </ul>
 * A copy ({@code torch.stack}) and an einsum over one term are timed as a scale pass (same 1 read, 1 write).
 */
public final class PeerSteps {
    /** The peer shapes, by the solver benchmark's name. */
    public enum Peer {
        DDIM("ddim", 6, 8, 6),
        PLMS("plms", 12, 16, 12),
        PRK("prk", 24, 31, 24),
        DPMPP_2M("dpmpp2m", 10, 14, 10),
        DPMPP_3M("dpmpp3m", 19, 28, 19),
        UNIPC_2("unipc2-bh2", 24, 33, 24),
        HEUN("edm-heun", 14, 21, 14);

        public final String solver;
        public final SeparatePasses.Traffic traffic;

        Peer(String solver, int kernels, int reads, int writes) {
            this.solver = solver;
            this.traffic = new SeparatePasses.Traffic(kernels, reads, writes);
        }

        public static Peer of(String solver) {
            for (Peer p : values()) {
                if (p.solver.equals(solver)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("no peer shape for '" + solver + "'");
        }
    }

    private final Peer peer;
    private final SolverSteps step;
    private final CountingPasses ops;
    private final MemorySegment[] t = new MemorySegment[6];

    /** Temporaries (6 of n floats) from {@code backend}, for the peer of {@code step}. */
    public PeerSteps(Backend backend, SolverSteps step, long n) {
        this.peer = Peer.of(step.name());
        this.step = step;
        this.ops = new CountingPasses(n);
        for (int i = 0; i < t.length; i++) {
            t[i] = BenchData.segment(backend.allocate(n));
        }
    }

    /** Where {@link #run} leaves the new state: the state buffer, except for Heun (its x_2 buffer). */
    public Buffer result(Buffer[] buffers) {
        return buffers[peer == Peer.HEUN ? step.steps().getFirst().dst() : org.gddim.solver.Plan.U];
    }

    public SeparatePasses.Traffic counted() {
        return ops.counted();
    }

    /** One step on the plan's buffers (the fused step's table, bound by role). */
    public void run(Buffer[] buffers) {
        List<Op.Step> s = step.steps();
        ScalarProcess p = step.process();
        TimeGrid g = step.plan().grid();
        int k = SolverSteps.STEP;
        double ts = g.at(k);
        double tt = g.at(k + 1);
        MemorySegment u = seg(buffers, org.gddim.solver.Plan.U);
        switch (peer) {
            case DDIM -> ddim(p, ts, tt, u, seg(buffers, s.getFirst().terms()[0]), u);
            case PLMS -> {
                int[] e = s.getFirst().terms();
                scale(t[0], seg(buffers, e[0]), 55f);
                scale(t[1], seg(buffers, e[1]), 59f);
                sub(t[2], t[0], t[1]);
                scale(t[0], seg(buffers, e[2]), 37f);
                add(t[1], t[2], t[0]);
                scale(t[0], seg(buffers, e[3]), 9f);
                sub(t[2], t[1], t[0]);
                scale(t[0], t[2], (float) (1.0 / 24));
                prevSample(p, ts, tt, u, t[0], u);
            }
            case PRK -> {
                MemorySegment x = seg(buffers, s.getFirst().dst());
                double m = 0.5 * (ts + tt);
                // cur_model_output alternates between t4 and t5 (a C loop's output may not alias its input);
                // _get_prev_sample uses t1..t3
                scale(t[3], seg(buffers, s.get(0).terms()[0]), (float) (1.0 / 6));
                scale(t[4], t[3], 1f); // 0 + tensor
                prevSample(p, ts, m, u, seg(buffers, s.get(0).terms()[0]), x);
                scale(t[3], seg(buffers, s.get(1).terms()[0]), (float) (1.0 / 3));
                add(t[5], t[4], t[3]);
                prevSample(p, ts, m, u, seg(buffers, s.get(1).terms()[0]), x);
                scale(t[3], seg(buffers, s.get(2).terms()[0]), (float) (1.0 / 3));
                add(t[4], t[5], t[3]);
                prevSample(p, ts, tt, u, seg(buffers, s.get(2).terms()[0]), x);
                scale(t[3], seg(buffers, s.get(3).terms()[3]), (float) (1.0 / 6));
                add(t[5], t[4], t[3]);
                prevSample(p, ts, tt, u, t[5], u);
            }
            case DPMPP_2M -> {
                MemorySegment mk = seg(buffers, s.get(0).dst());
                convert(p, ts, u, seg(buffers, s.get(0).terms()[0]), mk);
                double h = lambda(p, tt) - lambda(p, ts);
                double r0 = (lambda(p, ts) - lambda(p, g.at(k - 1))) / h;
                double a = p.alpha(tt) * Math.expm1(-h);
                sub(t[0], mk, seg(buffers, s.get(1).terms()[1]));
                scale(t[1], t[0], (float) (1 / r0));
                scale(t[0], u, (float) (p.sigma(tt) / p.sigma(ts)));
                scale(t[2], mk, (float) a);
                sub(t[3], t[0], t[2]);
                scale(t[0], t[1], (float) (0.5 * a));
                sub(u, t[3], t[0]);
            }
            case DPMPP_3M -> dpmpp3m(p, g, k, buffers, u);
            case UNIPC_2 -> unipc2(p, g, k, buffers, u);
            case HEUN -> {
                MemorySegment e1 = seg(buffers, s.get(0).terms()[0]);
                MemorySegment x = seg(buffers, s.get(0).dst());
                MemorySegment e2 = seg(buffers, s.get(1).terms()[1]);
                float sig = (float) p.sigma(ts);
                float sig2 = (float) p.sigma(tt);
                float dt = sig2 - sig;
                scale(t[2], e1, -sig); // wrapper: denoised = x + eps * c_out
                add(t[4], u, t[2]);
                sub(t[0], u, t[4]); // d = (x - denoised) / sigma
                div(t[1], t[0], sig);
                scale(t[0], t[1], dt);
                add(x, u, t[0]);
                scale(t[2], e2, -sig2);
                add(t[4], x, t[2]);
                sub(t[0], x, t[4]);
                div(t[2], t[0], sig2);
                add(t[0], t[1], t[2]);
                div(t[3], t[0], 2f);
                scale(t[0], t[3], dt);
                add(x, u, t[0]); // the new x: a fresh tensor, here the dead x_2 buffer (see result)
            }
        }
    }

    private void dpmpp3m(ScalarProcess p, TimeGrid g, int k, Buffer[] buffers, MemorySegment u) {
        List<Op.Step> s = step.steps();
        MemorySegment mk = seg(buffers, s.get(0).dst());
        MemorySegment m1 = seg(buffers, s.get(1).terms()[1]);
        MemorySegment m2 = seg(buffers, s.get(1).terms()[2]);
        double ts = g.at(k);
        double tt = g.at(k + 1);
        convert(p, ts, u, seg(buffers, s.get(0).terms()[0]), mk);
        double h = lambda(p, tt) - lambda(p, ts);
        double r0 = (lambda(p, ts) - lambda(p, g.at(k - 1))) / h;
        double r1 = (lambda(p, g.at(k - 1)) - lambda(p, g.at(k - 2))) / h;
        double a = p.alpha(tt);
        double phi1 = Math.expm1(-h);
        double phi2 = phi1 / h + 1;
        double phi3 = phi2 / h - 0.5;
        sub(t[0], mk, m1); // D1_0
        scale(t[1], t[0], (float) (1 / r0));
        sub(t[0], m1, m2); // D1_1
        scale(t[2], t[0], (float) (1 / r1));
        sub(t[0], t[1], t[2]); // D1
        scale(t[3], t[0], (float) (r0 / (r0 + r1)));
        add(t[4], t[1], t[3]);
        sub(t[0], t[1], t[2]); // D2
        scale(t[3], t[0], (float) (1 / (r0 + r1)));
        scale(t[0], u, (float) (p.sigma(tt) / p.sigma(ts)));
        scale(t[1], mk, (float) (a * phi1));
        sub(t[2], t[0], t[1]);
        scale(t[0], t[4], (float) (a * phi2));
        add(t[1], t[2], t[0]);
        scale(t[0], t[3], (float) (a * phi3));
        sub(u, t[1], t[0]);
    }

    private void unipc2(ScalarProcess p, TimeGrid g, int k, Buffer[] buffers, MemorySegment u) {
        List<Op.Step> s = step.steps();
        MemorySegment pred = seg(buffers, s.get(0).src());
        MemorySegment mk = seg(buffers, s.get(0).dst());
        MemorySegment m1 = seg(buffers, s.get(1).terms()[1]);
        MemorySegment m2 = seg(buffers, s.get(1).terms()[2]);
        double tPrev = g.at(k - 1);
        double ts = g.at(k);
        double tt = g.at(k + 1);
        convert(p, ts, pred, seg(buffers, s.get(0).terms()[0]), mk);
        // corrector of step k-1 (order 2): m0 = m_{k-1}, x = last sample (u), model_t = m_k
        double h = lambda(p, ts) - lambda(p, tPrev);
        double rk = (lambda(p, g.at(k - 2)) - lambda(p, tPrev)) / h;
        double[] rho = uniC2(-h, rk);
        double bh = p.alpha(ts) * Math.expm1(-h);
        sub(t[0], m2, m1);
        div(t[1], t[0], (float) rk);
        scale(t[2], t[1], 1f); // torch.stack
        scale(t[0], u, (float) (p.sigma(ts) / p.sigma(tPrev)));
        scale(t[1], m1, (float) bh);
        sub(t[3], t[0], t[1]);
        scale(t[0], t[2], (float) rho[0]); // einsum
        sub(t[1], mk, m1);
        scale(t[2], t[1], (float) rho[1]);
        add(t[1], t[0], t[2]);
        scale(t[0], t[1], (float) bh);
        sub(u, t[3], t[0]);
        // predictor of step k (order 2, rho = 1/2)
        double h2 = lambda(p, tt) - lambda(p, ts);
        double rk2 = (lambda(p, tPrev) - lambda(p, ts)) / h2;
        double bh2 = p.alpha(tt) * Math.expm1(-h2);
        sub(t[0], m1, mk);
        div(t[1], t[0], (float) rk2);
        scale(t[2], t[1], 1f); // torch.stack
        scale(t[0], u, (float) (p.sigma(tt) / p.sigma(ts)));
        scale(t[1], mk, (float) bh2);
        sub(t[3], t[0], t[1]);
        scale(t[0], t[2], 0.5f); // einsum with rhos_p = [0.5]
        scale(t[1], t[0], (float) bh2);
        sub(pred, t[3], t[1]);
    }

    /** UniC-2's rho for bh2: {@code [[1, 1], [rk, 1]] rho = [b1, b2]}, {@code b_i = i! h phi_{i+1} / (e^h - 1)}. */
    private static double[] uniC2(double hh, double rk) {
        double hPhi1 = Math.expm1(hh);
        double hPhi2 = hPhi1 / hh - 1;
        double hPhi3 = hPhi2 / hh - 0.5;
        double b1 = hPhi2 / hPhi1;
        double b2 = 2 * hPhi3 / hPhi1;
        return new double[] {(b1 - b2) / (1 - rk), (b2 - rk * b1) / (1 - rk)};
    }

    private static double lambda(ScalarProcess p, double t) {
        return -Math.log(p.rho(t));
    }

    /** DDIMScheduler.step from abar_t to abar_prev into {@code out}. */
    private void ddim(ScalarProcess p, double ts, double tt, MemorySegment x, MemorySegment e, MemorySegment out) {
        double at = p.alpha(ts) * p.alpha(ts);
        double ap = p.alpha(tt) * p.alpha(tt);
        scale(t[0], e, (float) Math.sqrt(1 - at));
        sub(t[1], x, t[0]);
        div(t[0], t[1], (float) Math.sqrt(at));
        scale(t[1], e, (float) Math.sqrt(1 - ap));
        scale(t[2], t[0], (float) Math.sqrt(ap));
        add(out, t[2], t[1]);
    }

    /** PNDMScheduler._get_prev_sample(sample = x, model_output = e) into {@code out}. */
    private void prevSample(ScalarProcess p, double ts, double tt, MemorySegment x, MemorySegment e, MemorySegment out) {
        double at = p.alpha(ts) * p.alpha(ts);
        double ap = p.alpha(tt) * p.alpha(tt);
        double denom = at * Math.sqrt(1 - ap) + Math.sqrt(at * (1 - at) * ap);
        scale(t[1], x, (float) Math.sqrt(ap / at)); // temporaries 1..3: the model output may be t0 (PLMS)
        scale(t[2], e, (float) (ap - at));
        div(t[3], t[2], (float) denom);
        sub(out, t[1], t[3]);
    }

    /** convert_model_output: {@code x0 = (sample - sigma * eps) / alpha} into {@code out}. */
    private void convert(ScalarProcess p, double ts, MemorySegment x, MemorySegment e, MemorySegment out) {
        scale(t[0], e, (float) p.sigma(ts));
        sub(t[1], x, t[0]);
        div(out, t[1], (float) p.alpha(ts));
    }

    private static MemorySegment seg(Buffer[] buffers, int i) {
        return BenchData.segment(buffers[i]);
    }

    private void scale(MemorySegment out, MemorySegment x, float s) {
        ops.scale(out, x, s);
    }

    private void div(MemorySegment out, MemorySegment x, float d) {
        ops.div(out, x, d);
    }

    private void add(MemorySegment out, MemorySegment x, MemorySegment y) {
        ops.add(out, x, y);
    }

    private void sub(MemorySegment out, MemorySegment x, MemorySegment y) {
        ops.sub(out, x, y);
    }
}
