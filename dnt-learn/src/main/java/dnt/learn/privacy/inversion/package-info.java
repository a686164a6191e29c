/**
 * Gradient-inversion attacks that measure what one federated update leaks: a curious server that
 * holds the global model and one client's decoded update reconstructs the client's input windows
 * and targets from it (Deep Leakage from Gradients, Zhu et al. 2019; cosine matching with a
 * total-variation prior, Geiping et al. 2020; the closed-form first-layer inversion of a dense
 * network), and scores the reconstruction against the true windows.
 */
@NullMarked
package dnt.learn.privacy.inversion;

import org.jspecify.annotations.NullMarked;
