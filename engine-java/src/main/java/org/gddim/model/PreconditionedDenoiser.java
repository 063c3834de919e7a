package org.gddim.model;

import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.process.ScalarProcess;
import org.gddim.structure.Structure;

/**
 * A preconditioned denoiser network as an eps model for a scalar process (EDM, VP, VE and their FDM variants):
 * with {@code sigma = rho_t}, {@code x_hat = x / a_t} and {@link Preconditioning} {@code D = c_skip x_hat + c_out F},
 * {@code eps = (x_hat - D) / sigma = (1 - c_skip)/(a sigma) x - (c_out/sigma) F(c_in/a x, c_noise)}. Both linear
 * maps run as SCALAR fused steps on the backend, so the state never leaves it; two scratch buffers of the batch
 * size (the network's input and output) are allocated on first use.
 */
public final class PreconditionedDenoiser implements ScoreModel {
    /** The network F: writes {@code F(input, cNoise)} for the first {@code batch} samples into {@code output}. */
    public interface Network {
        DataShape shape();

        void apply(Buffer input, double cNoise, Buffer output, int batch);
    }

    private final Network network;
    private final Preconditioning pre;
    private final ScalarProcess process;
    private final Backend backend;
    private Buffer input;
    private Buffer output;

    public PreconditionedDenoiser(Network network, Preconditioning pre, ScalarProcess process, Backend backend) {
        this.network = network;
        this.pre = pre;
        this.process = process;
        this.backend = backend;
    }

    @Override
    public DataShape shape() {
        return network.shape();
    }

    @Override
    public String describe() {
        return "preconditioned denoiser (" + pre.name() + ") on " + process.name();
    }

    @Override
    public void eps(Buffer u, double t, Buffer out, int batch) {
        int dim = shape().size();
        long n = (long) batch * dim;
        if (input == null || input.length() < n) {
            input = backend.allocate(n);
            output = backend.allocate(n);
        }
        double sigma = process.rho(t);
        double a = process.alpha(t);
        backend.step(Structure.SCALAR, n, dim, input, u, new double[] {pre.cIn().applyAsDouble(sigma) / a}, new Buffer[0],
                new double[0][], 0, null, null);
        network.apply(input, pre.cNoise().applyAsDouble(sigma), output, batch);
        double cSkip = pre.cSkip().applyAsDouble(sigma);
        backend.step(Structure.SCALAR, n, dim, out, u, new double[] {(1 - cSkip) / (a * sigma)}, new Buffer[] {output},
                new double[][] {{-pre.cOut().applyAsDouble(sigma) / sigma}}, 1, null, null);
    }
}
