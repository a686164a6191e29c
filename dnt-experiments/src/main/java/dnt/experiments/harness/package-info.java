/**
 * The one harness every study runs through: a {@link dnt.experiments.harness.Study} computes one
 * replication for a seed, and {@link dnt.experiments.harness.Replications} runs replications 0..n-1
 * with the one seed convention (replication i of a run with base seed s uses seed s + i),
 * optionally in parallel, returning the results in replication order.
 */
@NullMarked
package dnt.experiments.harness;

import org.jspecify.annotations.NullMarked;
