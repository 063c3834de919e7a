package org.gddim.model;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;
import org.gddim.backend.Buffer;
import org.gddim.backend.CudaDevice;
import org.gddim.backend.DeviceBuffer;
import org.gddim.bindings.DeviceMemory;
import org.gddim.process.Process;

/**
 * The exact GMM eps on the GPU (libgdk_cuda gdk_cuda_gmm_eps_f32): the same oracle as {@link GmmScore}, whose
 * {@link GmmScore#at time parameters} it uploads once per plan time in {@link #prepare} (with the eigenbases,
 * uploaded once), so a run makes no host round trip and can be captured as a CUDA graph. Device memory
 * belongs to the backend.
 */
public final class CudaGmmScore implements ScoreModel {
    private final GmmScore reference;
    private final CudaDevice backend;
    private final int k;
    private final int d;
    private final DeviceMemory basis; // (k, d, d) or null when every component is diagonal
    private final Map<Double, DeviceMemory[]> tables = new HashMap<>(); // t -> {meanT (k,d), invVar (k,d), logNorm (k)}
    private final Map<Double, Double> sigmas = new HashMap<>();
    private DeviceMemory work;
    private int workBatch;

    public CudaGmmScore(GaussianMixture gmm, Process process, CudaDevice backend) {
        this.reference = new GmmScore(gmm, process);
        this.backend = backend;
        this.k = gmm.components();
        this.d = gmm.dim();
        boolean anyFull = false;
        for (double[][] u : gmm.bases()) {
            anyFull |= u != null;
        }
        double[] flat = null;
        if (anyFull) { // diagonal components get identity bases
            flat = new double[k * d * d];
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double[][] u = gmm.bases()[c];
                        flat[(c * d + i) * d + j] = u == null ? (i == j ? 1 : 0) : u[i][j];
                    }
                }
            }
        }
        this.basis = flat == null ? null : upload(flat);
    }

    @Override
    public DataShape shape() {
        return reference.shape();
    }

    @Override
    public String describe() {
        return reference.describe() + " (on the GPU)";
    }

    @Override
    public void prepare(double[] times, int batch) {
        for (double t : times) {
            tables.computeIfAbsent(t, this::uploadAt);
        }
        if (work == null || workBatch < batch) {
            work = backend.allocateBytes(8L * batch * (k + 2L * d));
            workBatch = batch;
        }
    }

    private DeviceMemory[] uploadAt(double t) {
        GmmScore.TimeParameters p = reference.at(t);
        sigmas.put(t, p.sigma());
        return new DeviceMemory[] {upload(flatten(p.meanT())), upload(flatten(p.invVar())), upload(p.logNorm())};
    }

    @Override
    public void eps(Buffer u, double t, Buffer out, int batch) {
        if (!tables.containsKey(t) || workBatch < batch) {
            prepare(new double[] {t}, batch); // outside a graph capture this is allowed (it synchronises)
        }
        DeviceMemory[] table = tables.get(t);
        backend.kernels().gmmEpsF32(batch, d, k, DeviceBuffer.of(u).memory(), table[0], basis, table[1], table[2],
                sigmas.get(t), work, DeviceBuffer.of(out).memory());
    }

    private DeviceMemory upload(double[] values) {
        DeviceMemory m = backend.allocateBytes(8L * values.length);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment host = a.allocateFrom(ValueLayout.JAVA_DOUBLE, values);
            backend.cuda().upload(m, 0, host, 8L * values.length);
        }
        return m;
    }

    private static double[] flatten(double[][] a) {
        double[] out = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * a[0].length, a[0].length);
        }
        return out;
    }
}
