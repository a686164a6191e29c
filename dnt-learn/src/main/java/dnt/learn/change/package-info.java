/**
 * GNN-based change detection for network twins (paper Sec. III-A2 a, "GNN-based rendering":
 * "detecting the variations of the physical network and then updating the DNT accordingly"): a
 * graph convolutional encoder (Kipf and Welling 2017, the deployment agent's first layer) trained
 * as a graph autoencoder (Kipf and Welling, "Variational Graph Auto-Encoders", 2016, here
 * non-variational and reconstructing node features as well as edges) on an unchanged period embeds
 * each snapshot of the twin graph; a robust per-node baseline of the embeddings (median and MAD)
 * scores later snapshots, and a persistence rule raises the alarm that the twin's structure should
 * be updated. {@link dnt.learn.change.RawThresholdDetector} applies the same rule to the raw degree
 * and load vectors, the simple baseline. docs/change-detection.md.
 */
@NullMarked
package dnt.learn.change;

import org.jspecify.annotations.NullMarked;
