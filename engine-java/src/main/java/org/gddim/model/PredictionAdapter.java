package org.gddim.model;

import java.util.function.DoubleUnaryOperator;
import org.gddim.backend.Backend;
import org.gddim.backend.Buffer;
import org.gddim.process.DiscreteVp;
import org.gddim.process.Process;
import org.gddim.process.ScalarProcess;
import org.gddim.structure.Structure;

/**
 * Converts a network's output to eps at the edge (k-diffusion's external.py, DPM-Solver's model_wrapper), so
 * the solvers see one convention ({@link Prediction} gives the formulas). Each conversion is one fused step
 * on the network's backend over {@code batch x D} elements, in place on the output: X0
 * {@code eps = (1/sigma) x - (a/sigma) x0}; V {@code eps = (a v + sigma x)/(a^2 + sigma^2)}; EDM denoiser: one step writes
 * {@code x^ = x/a} into a scratch buffer for the network, one gives {@code eps = (x^ - D)/sigma^}. The network
 * is called with its own label: {@code labelOf(t)} (t itself for continuous-time models, {@code T t - 1}
 * for a {@link DiscreteVp}; see {@link #trainingLabel}), or {@code sigma^ = rho(t)} for EDM denoisers.
 * Isotropic processes only (the conversions are scalar). Not thread-safe (one scratch buffer), like a run.
 */
public final class PredictionAdapter implements ScoreModel {
    private final NetworkOutput network;
    private final Prediction prediction;
    private final ScalarProcess process;
    private final Backend backend;
    private final DoubleUnaryOperator labelOf;
    private Buffer scratch;

    public PredictionAdapter(NetworkOutput network, Prediction prediction, Process process, Backend backend,
            DoubleUnaryOperator labelOf) {
        if (!(process instanceof ScalarProcess scalar)) {
            throw new IllegalArgumentException("eps, x0, v and EDM-denoiser conversions are defined for isotropic processes, not "
                    + process.name());
        }
        this.network = network;
        this.prediction = prediction;
        this.process = scalar;
        this.backend = backend;
        this.labelOf = labelOf;
    }

    /** With the label the network was trained with: {@link #trainingLabel}. */
    public PredictionAdapter(NetworkOutput network, Prediction prediction, Process process, Backend backend) {
        this(network, prediction, process, backend, trainingLabel(process));
    }

    /** {@code T t - 1} for a discrete-time process (DPM-Solver's discrete model wrapper), t otherwise. */
    public static DoubleUnaryOperator trainingLabel(Process process) {
        return process instanceof DiscreteVp d ? d::timestep : t -> t;
    }

    @Override
    public DataShape shape() {
        return network.shape();
    }

    @Override
    public String describe() {
        return network.describe() + " (" + prediction + " prediction, converted to eps)";
    }

    @Override
    public void eps(Buffer u, double t, Buffer out, int batch) {
        long n = (long) batch * shape().size();
        double a = process.alpha(t);
        double sigma = process.sigma(t);
        switch (prediction) {
            case EPS -> network.predict(u, labelOf.applyAsDouble(t), out, batch);
            case X0 -> {
                network.predict(u, labelOf.applyAsDouble(t), out, batch);
                step(n, out, -a / sigma, u, 1 / sigma);
            }
            case V -> {
                network.predict(u, labelOf.applyAsDouble(t), out, batch);
                double norm = a * a + sigma * sigma; // 1 on VP
                step(n, out, a / norm, u, sigma / norm);
            }
            case EDM_DENOISER -> {
                double rho = process.rho(t);
                Buffer hat = scratch(n);
                backend.step(Structure.SCALAR, n, hat, u, new double[] {1 / a}, new Buffer[0], new double[0][], 0, null, null);
                network.predict(hat, rho, out, batch);
                step(n, out, -1 / rho, hat, 1 / rho);
            }
        }
    }

    /** {@code out = psi out + c x} (one fused pass; out may be the step's source, never its term). */
    private void step(long n, Buffer out, double psi, Buffer x, double c) {
        backend.step(Structure.SCALAR, n, out, out, new double[] {psi}, new Buffer[] {x}, new double[][] {{c}}, 1, null, null);
    }

    private Buffer scratch(long n) {
        if (scratch == null || scratch.length() < n) {
            scratch = backend.allocate(n);
        }
        return scratch;
    }
}
