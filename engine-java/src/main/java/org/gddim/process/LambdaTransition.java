package org.gddim.process;

/**
 * The exact Gaussian transition of stochastic gDDIM over one step from {@code s} down to {@code t < s}
 * (gddim-spec.md 1.6, paper Prop. 5/6): {@code u_t ~ N(Psi(t,s) u_s + [psiHat - Psi(t,s)] R_s eps, covariance)},
 * where {@code psiHat} is the transition of {@code F_hat = F + ((1 + lambda^2)/2) G G^T Sigma^{-1}} and
 * {@code covariance = int_t^s psiHat(t,r) lambda^2 G G^T psiHat(t,r)^T dr} (PSD; pitfall P6). Both in the
 * process' structure layout.
 */
public record LambdaTransition(double[] psiHat, double[] covariance) {}
