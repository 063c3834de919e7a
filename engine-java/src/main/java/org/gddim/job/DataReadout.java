package org.gddim.job;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.model.DataShape;
import org.gddim.process.Process;

/**
 * Reads the data off a batch of final states, as the process says ({@link org.gddim.process.Readout}): the state
 * itself; CLD's x plane of each (2, D...) state; or BDM's inverse 2-D DCT of each (C, H, W) coefficient block,
 * run on the backend (the native DCT kernel for the native backend) into a scratch buffer.
 */
public final class DataReadout {
    private final org.gddim.process.Readout kind;
    private final Backend backend;
    private final int dim;
    private final int dataDim;
    private final int h;
    private final int w;
    private final Buffer scratch;

    /** For batches of up to {@code batch} states of {@code dim} elements, data of shape {@code data}. */
    public DataReadout(Process process, DataShape data, Backend backend, int batch, int dim) {
        this.kind = process.readout();
        this.backend = backend;
        this.dim = dim;
        this.dataDim = data.size();
        int[] dims = data.dims();
        this.h = dims.length >= 2 ? dims[dims.length - 2] : 1;
        this.w = dims[dims.length - 1];
        this.scratch = kind == org.gddim.process.Readout.INVERSE_DCT ? backend.allocate((long) batch * dim) : null;
    }

    /** The data of the first {@code rows} states of {@code u}, (rows, D...) row-major. */
    public float[] read(Buffer u, int rows) {
        float[] out = new float[rows * dataDim];
        switch (kind) {
            case STATE -> backend.read(u, 0, out);
            case FIRST_PLANE -> {
                float[] row = new float[dataDim];
                for (int b = 0; b < rows; b++) {
                    backend.read(u, (long) b * dim, row);
                    System.arraycopy(row, 0, out, b * dataDim, dataDim);
                }
            }
            case INVERSE_DCT -> {
                backend.dct2(scratch, u, (long) rows * dim / (h * w), h, w, true);
                backend.read(scratch, 0, out);
            }
        }
        return out;
    }
}
