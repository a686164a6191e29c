/**
 * The deployment study (paper Sec. III-B2; docs/deployment.md): PPO with a hybrid action over a GCN
 * state against the baselines (all-vertical, all-horizontal, per-station greedy, random) on a
 * synthetic city, its distance to the exhaustive optimum on a small instance, and how it scales
 * with the number of stations.
 */
@NullMarked
package dnt.experiments.deployment;

import org.jspecify.annotations.NullMarked;
