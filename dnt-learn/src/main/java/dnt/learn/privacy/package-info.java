/**
 * Differential privacy for federated twinning: DP-FedAvg with client sampling, per-client clipping
 * (fixed or adaptive) and Gaussian noise, and a Renyi-DP accountant for the sampled Gaussian
 * mechanism that reports (epsilon, delta).
 */
@NullMarked
package dnt.learn.privacy;

import org.jspecify.annotations.NullMarked;
