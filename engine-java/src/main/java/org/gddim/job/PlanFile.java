package org.gddim.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.gddim.model.DataShape;
import org.gddim.process.NoiseLevel;
import org.gddim.process.Process;
import org.gddim.process.Readout;
import org.gddim.process.ScalarProcess;
import org.gddim.solver.Op;
import org.gddim.solver.Plan;
import org.gddim.structure.Structure;

/**
 * The {@code .gdkplan} file (docs/c-abi.md, byte by byte): a complete sampling plan for native apps that run their
 * own network and link libgdk's {@code gdk_plan.h}. Little-endian; a 32-byte header (magic, format version, payload
 * size, CRC32C of the payload) then the payload: the run's shapes, prior, readout and grid, then every {@link Op} of
 * the plan in program order with its coefficients in double. Each Eval also carries the network's input
 * conventions at its time: {@code alpha_t}, {@code sigma_t}, {@code rho = sigma/alpha} (NaN where the process has
 * none) and the process marginal {@code Psi(t, 0)}, {@code Sigma_t}, {@code R_t} in the plan's structure.
 *
 * @param method the plan's method and settings ("gddim q=3 pec")
 * @param process the process' command-line name
 * @param coefLength doubles per coefficient array: 1 (SCALAR), 4 (BLOCK2), m (DIAGONAL)
 * @param stateShape per-sample state shape ((2, D...) for CLD)
 * @param dataShape per-sample data shape
 * @param priorStd std of the prior at {@code tMax} per state plane (u_T = priorStd[plane] z)
 * @param grid the time grid, tMax first
 * @param buffers size of the buffer table (buffer 0 is the state)
 * @param ops the program
 * @param evals the inputs of each Eval op, in program order
 */
public record PlanFile(String method, String process, Structure structure, int coefLength, Readout readout,
        int[] stateShape, int[] dataShape, double tMax, double tMin, double[] priorStd, double[] grid, int buffers,
        List<Op> ops, List<EvalInput> evals) {

    /** Format version this engine writes and reads. */
    public static final int VERSION = 1;
    /** Size of the header before the payload. */
    public static final int HEADER_BYTES = 32;
    /** Largest state/data rank, and largest number of eps terms of one step (gdk.h GDK_MAX_EPS). */
    public static final int MAX_RANK = 8;
    public static final int MAX_TERMS = 4;
    static final byte[] MAGIC = "GDKPLAN\0".getBytes(StandardCharsets.US_ASCII);
    static final int EVAL = 1;
    static final int STEP = 2;

    /**
     * What the network is given at an Eval: the process time is the Eval's own {@code t}; {@code alpha},
     * {@code sigma} ({@code u_t = alpha x_0 + sigma z}) and {@code rho = sigma / alpha} (the EDM/VE noise level)
     * for scalar processes, NaN otherwise ({@code rho} also for BDM's scalar noise level); {@code meanMap =
     * Psi(t, 0)}, {@code covariance = Sigma_t}, {@code frame = R_t}, each {@code coefLength} doubles.
     */
    public record EvalInput(double alpha, double sigma, double rho, double[] meanMap, double[] covariance,
            double[] frame) {}

    public PlanFile {
        ops = List.copyOf(ops);
        evals = List.copyOf(evals);
    }

    /** The plan file of {@code plan} made for {@code process} on data of shape {@code data}. */
    public static PlanFile of(Plan plan, Process process, String processName, DataShape data, double tMax, double tMin) {
        int planes = process.planes();
        int[] state = planes == 1 ? data.dims() : prepend(planes, data.dims());
        double[] priorStd = new double[planes];
        for (int p = 0; p < planes; p++) {
            priorStd[p] = process.priorStd(tMax, p);
        }
        int coefLength = -1;
        List<EvalInput> evals = new ArrayList<>();
        for (Op op : plan.ops()) {
            switch (op) {
                case Op.Step s -> coefLength = s.psi().length;
                case Op.Eval e -> evals.add(input(process, e.t()));
            }
        }
        if (coefLength < 0) {
            throw new JobException("the plan of " + plan.method() + " has no step");
        }
        return new PlanFile(plan.method(), processName, plan.structure(), coefLength, process.readout(), state,
                data.dims(), tMax, tMin, priorStd, plan.grid().t(), plan.buffers(), plan.ops(), evals);
    }

    private static EvalInput input(Process process, double t) {
        double alpha = Double.NaN;
        double sigma = Double.NaN;
        double rho = process instanceof NoiseLevel n ? n.rho(t) : Double.NaN;
        if (process instanceof ScalarProcess p) {
            alpha = p.alpha(t);
            sigma = p.sigma(t);
        }
        return new EvalInput(alpha, sigma, rho, process.transition(t, 0), process.covariance(t), process.frame(t));
    }

    private static int[] prepend(int first, int[] dims) {
        int[] out = new int[dims.length + 1];
        out[0] = first;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return out;
    }

    /** Elements per sample of the state. */
    public int stateSize() {
        return Arrays.stream(stateShape).reduce(1, Math::multiplyExact);
    }

    public int planes() {
        return priorStd.length;
    }

    /** Number of Step ops. */
    public int steps() {
        return (int) ops.stream().filter(op -> op instanceof Op.Step).count();
    }

    /** Whether a step adds noise. */
    public boolean stochastic() {
        return ops.stream().anyMatch(op -> op instanceof Op.Step s && s.noise() != null);
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    /** The file's bytes: header then payload. */
    public byte[] toBytes() {
        byte[] methodBytes = method.getBytes(StandardCharsets.UTF_8);
        byte[] processBytes = process.getBytes(StandardCharsets.UTF_8);
        int size = 152 + pad8(methodBytes.length) + pad8(processBytes.length) + 8 * grid.length;
        for (Op op : ops) {
            size += switch (op) {
                case Op.Eval e -> 48 + 24 * coefLength;
                case Op.Step s -> 48 + 8 * coefLength * (1 + s.terms().length + (s.noise() == null ? 0 : 1));
            };
        }
        ByteBuffer p = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        p.putInt(structure.ordinal()).putInt(coefLength).putInt(readout.ordinal()).putInt(planes())
                .putInt(stateShape.length).putInt(dataShape.length);
        putDims(p, stateShape);
        putDims(p, dataShape);
        p.putInt(buffers).putInt(ops.size()).putInt(evals.size()).putInt(steps()).putInt(grid.length)
                .putInt((stochastic() ? 1 : 0) | (Double.isNaN(evalsRho()) ? 0 : 2));
        p.putDouble(tMax).putDouble(tMin).putDouble(priorStd[0]).putDouble(planes() > 1 ? priorStd[1] : Double.NaN);
        p.putInt(methodBytes.length).putInt(processBytes.length);
        p.put(methodBytes).put(new byte[pad8(methodBytes.length) - methodBytes.length]);
        p.put(processBytes).put(new byte[pad8(processBytes.length) - processBytes.length]);
        for (double t : grid) {
            p.putDouble(t);
        }
        int e = 0;
        for (Op op : ops) {
            switch (op) {
                case Op.Eval ev -> {
                    EvalInput in = evals.get(e);
                    p.putInt(EVAL).putInt(ev.src()).putInt(ev.dst()).putInt(e++);
                    p.putDouble(ev.t()).putDouble(in.alpha()).putDouble(in.sigma()).putDouble(in.rho());
                    putArray(p, in.meanMap());
                    putArray(p, in.covariance());
                    putArray(p, in.frame());
                }
                case Op.Step s -> {
                    p.putInt(STEP).putInt(s.dst()).putInt(s.src()).putInt(s.terms().length);
                    for (int j = 0; j < MAX_TERMS; j++) {
                        p.putInt(j < s.terms().length ? s.terms()[j] : 0);
                    }
                    p.putInt(s.noise() == null ? 0 : 1).putInt(s.noise() == null ? 0 : s.noise().stream());
                    p.putDouble(s.t());
                    putArray(p, s.psi());
                    for (double[] c : s.c()) {
                        putArray(p, c);
                    }
                    if (s.noise() != null) {
                        putArray(p, s.noise().s());
                    }
                }
            }
        }
        byte[] payload = p.array();
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(VERSION).putInt(HEADER_BYTES).putLong(payload.length).putInt((int) crc.getValue()).putInt(0);
        out.put(payload);
        return out.array();
    }

    private double evalsRho() {
        return evals.isEmpty() ? Double.NaN : evals.getFirst().rho();
    }

    private static void putDims(ByteBuffer p, int[] dims) {
        for (int i = 0; i < MAX_RANK; i++) {
            p.putInt(i < dims.length ? dims[i] : 0);
        }
    }

    private void putArray(ByteBuffer p, double[] a) {
        if (a.length != coefLength) {
            throw new IllegalStateException("coefficient array of " + a.length + " doubles in a plan of " + coefLength);
        }
        for (double x : a) {
            p.putDouble(x);
        }
    }

    private static int pad8(int n) {
        return (n + 7) & ~7;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /** Reads and fully checks {@code file}; a bad file is a {@link JobException} naming it and what is wrong. */
    public static PlanFile read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** Parses the bytes of a plan file called {@code name} (for messages). */
    public static PlanFile parse(byte[] bytes, String name) {
        try {
            return parseChecked(bytes, name);
        } catch (java.nio.BufferUnderflowException e) {
            throw new JobException(name + ": truncated plan payload");
        } catch (IllegalArgumentException e) {
            throw new JobException(name + ": " + e.getMessage());
        }
    }

    private static PlanFile parseChecked(byte[] bytes, String name) {
        if (bytes.length < HEADER_BYTES) {
            throw new JobException(name + ": not a gdkplan file (" + bytes.length + " bytes, shorter than the header)");
        }
        ByteBuffer h = ByteBuffer.wrap(bytes, 0, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        h.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new JobException(name + ": not a gdkplan file (bad magic)");
        }
        int version = h.getInt();
        if (version != VERSION) {
            throw new JobException(name + ": plan format version " + version + ", this engine reads version " + VERSION);
        }
        int headerBytes = h.getInt();
        long payloadBytes = h.getLong();
        int crc = h.getInt();
        if (headerBytes != HEADER_BYTES || payloadBytes != bytes.length - (long) HEADER_BYTES) {
            throw new JobException(name + ": truncated or padded plan (header says " + payloadBytes + " payload bytes, file has "
                    + (bytes.length - HEADER_BYTES) + ")");
        }
        CRC32C check = new CRC32C();
        check.update(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        if ((int) check.getValue() != crc) {
            throw new JobException(name + ": plan checksum mismatch (the file is corrupt)");
        }
        ByteBuffer p = ByteBuffer.wrap(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES).slice().order(ByteOrder.LITTLE_ENDIAN);
        Structure structure = enumAt(Structure.values(), p.getInt(), "structure");
        int coefLength = p.getInt();
        Readout readout = enumAt(Readout.values(), p.getInt(), "readout");
        int planes = p.getInt();
        int stateRank = p.getInt();
        int dataRank = p.getInt();
        int[] state = dims(p, stateRank);
        int[] data = dims(p, dataRank);
        int buffers = p.getInt();
        int opCount = p.getInt();
        int evalCount = p.getInt();
        p.getInt(); // steps, recounted below
        int gridPoints = p.getInt();
        p.getInt(); // flags, recomputed from the ops
        double tMax = p.getDouble();
        double tMin = p.getDouble();
        double[] priorStd = {p.getDouble(), p.getDouble()};
        if ((structure == Structure.SCALAR && coefLength != 1) || (structure == Structure.BLOCK2 && (coefLength != 4
                || planes != 2))) {
            throw new IllegalArgumentException("coefficient length " + coefLength + " does not fit structure " + structure
                    + " (corrupt plan)");
        }
        if (planes < 1 || planes > 2 || coefLength < 1 || coefLength > bytes.length / 8 || buffers < 1 || opCount < 0
                || opCount > bytes.length / 48 || gridPoints < 2 || gridPoints > bytes.length / 8) {
            throw new IllegalArgumentException("sizes out of range (corrupt plan)");
        }
        int methodLength = p.getInt();
        int processLength = p.getInt();
        String method = string(p, methodLength);
        String process = string(p, processLength);
        double[] grid = doubles(p, gridPoints);
        List<Op> ops = new ArrayList<>(opCount);
        List<EvalInput> evals = new ArrayList<>();
        for (int i = 0; i < opCount; i++) {
            int kind = p.getInt();
            if (kind == EVAL) {
                int src = p.getInt();
                int dst = p.getInt();
                p.getInt();
                double t = p.getDouble();
                ops.add(new Op.Eval(src, t, dst));
                evals.add(new EvalInput(p.getDouble(), p.getDouble(), p.getDouble(), doubles(p, coefLength),
                        doubles(p, coefLength), doubles(p, coefLength)));
            } else if (kind == STEP) {
                int dst = p.getInt();
                int src = p.getInt();
                int k = p.getInt();
                if (k < 0 || k > MAX_TERMS) {
                    throw new IllegalArgumentException("op " + i + " has " + k + " terms (corrupt plan)");
                }
                int[] terms = new int[MAX_TERMS];
                for (int j = 0; j < MAX_TERMS; j++) {
                    terms[j] = p.getInt();
                }
                boolean noisy = p.getInt() != 0;
                int stream = p.getInt();
                double t = p.getDouble();
                double[] psi = doubles(p, coefLength);
                double[][] c = new double[k][];
                for (int j = 0; j < k; j++) {
                    c[j] = doubles(p, coefLength);
                }
                Op.Noise noise = noisy ? new Op.Noise(stream, doubles(p, coefLength)) : null;
                ops.add(new Op.Step(dst, src, t, psi, Arrays.copyOf(terms, k), c, noise));
            } else {
                throw new IllegalArgumentException("op " + i + " has unknown kind " + kind + " (corrupt plan)");
            }
        }
        if (p.hasRemaining() || evals.size() != evalCount) {
            throw new IllegalArgumentException("payload does not match its op table (corrupt plan)");
        }
        for (Op op : ops) { // Plan's own operand check
            new Plan(method, structure, new org.gddim.schedule.TimeGrid(grid), buffers, List.of(op));
        }
        return new PlanFile(method, process, structure, coefLength, readout, state, data, tMax, tMin,
                Arrays.copyOf(priorStd, planes), grid, buffers, ops, evals);
    }

    private static <E> E enumAt(E[] values, int i, String what) {
        if (i < 0 || i >= values.length) {
            throw new IllegalArgumentException("unknown " + what + " " + i + " (corrupt plan)");
        }
        return values[i];
    }

    private static int[] dims(ByteBuffer p, int rank) {
        int[] all = new int[MAX_RANK];
        for (int i = 0; i < MAX_RANK; i++) {
            all[i] = p.getInt();
        }
        if (rank < 1 || rank > MAX_RANK) {
            throw new IllegalArgumentException("rank " + rank + " out of range (corrupt plan)");
        }
        return Arrays.copyOf(all, rank);
    }

    private static String string(ByteBuffer p, int length) {
        if (length < 0 || length > p.remaining()) {
            throw new IllegalArgumentException("string of " + length + " bytes (corrupt plan)");
        }
        byte[] b = new byte[length];
        p.get(b);
        p.position(p.position() + pad8(length) - length);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static double[] doubles(ByteBuffer p, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = p.getDouble();
        }
        return out;
    }

    /** A human-readable listing of the plan (bin/gddim plan --describe). */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("gdkplan v%d: %s on %s, structure %s (%d doubles per coefficient), readout %s%n", VERSION,
                method, process, structure, coefLength, readout));
        b.append(String.format("state %s, data %s, %d buffers (0 = state), prior std %s at t_max %s, t_min %s%n",
                Arrays.toString(stateShape), Arrays.toString(dataShape), buffers, Arrays.toString(priorStd), tMax, tMin));
        b.append(String.format("%d ops: %d network evaluations, %d steps%s; grid %s%n", ops.size(), evals.size(), steps(),
                stochastic() ? " (stochastic)" : "", Arrays.toString(grid)));
        int e = 0;
        for (int i = 0; i < ops.size(); i++) {
            switch (ops.get(i)) {
                case Op.Eval ev -> {
                    EvalInput in = evals.get(e++);
                    b.append(String.format("%4d eval buf[%d] = eps(buf[%d], t=%.17g)  alpha=%.6g sigma=%.6g rho=%.6g%n", i,
                            ev.dst(), ev.src(), ev.t(), in.alpha(), in.sigma(), in.rho()));
                }
                case Op.Step s -> {
                    b.append(String.format("%4d step buf[%d] = %s buf[%d]", i, s.dst(), brief(s.psi()), s.src()));
                    for (int j = 0; j < s.terms().length; j++) {
                        b.append(String.format(" + %s buf[%d]", brief(s.c()[j]), s.terms()[j]));
                    }
                    if (s.noise() != null) {
                        b.append(String.format(" + %s z(stream %d)", brief(s.noise().s()), s.noise().stream()));
                    }
                    b.append(String.format("   (t=%.17g)%n", s.t()));
                }
            }
        }
        return b.toString();
    }

    private static String brief(double[] a) {
        if (a.length == 1) {
            return String.format("%.17g", a[0]);
        }
        if (a.length == 4) {
            return String.format("[%.9g %.9g; %.9g %.9g]", a[0], a[1], a[2], a[3]);
        }
        return String.format("diag[%.9g .. %.9g](%d)", a[0], a[a.length - 1], a.length);
    }
}
