/**
 * Converged reference solutions (gddim-spec.md 8.1): the probability-flow ODE integrated per sample in
 * double with a tight adaptive Dormand-Prince 8(5,3) (Hipparchus), against which solver errors are measured.
 */
package org.gddim.reference;
