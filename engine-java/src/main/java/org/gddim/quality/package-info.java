/**
 * Quality studies on exact oracles: end-point error of each solver against a converged reference solution of
 * the same probability-flow ODE from the same noise (the protocol of DPM-Solver++ and of
 * performance-and-peers.md 5.1), written as Markdown tables and PNG plots.
 */
package org.gddim.quality;
