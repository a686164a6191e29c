/**
 * Optimised deployment of a network twin (paper Sec. III-B2): each period every station chooses how
 * its twin is kept in sync (vertical mapping: send the raw and environment data; horizontal
 * mapping: send a model update by asynchronous federated learning) and the uplink resources for the
 * transfer (bandwidth share, transmit power). {@link dnt.learn.deploy.DeploymentEnv} turns those
 * choices into transfer times and energy by the twin's own link model and into the twin's quality
 * by the multi-attribute utility of {@code dnt.core.quality}; {@link dnt.learn.deploy.TwinGraph} is
 * the graph state (stations as nodes, relations as edges); the baselines implement {@link
 * dnt.learn.deploy.DeploymentPolicy}. The learning agent (a GCN encoder and PPO with a hybrid
 * action) is {@code dnt.learn.deploy.agent}, above this package.
 */
@NullMarked
package dnt.learn.deploy;

import org.jspecify.annotations.NullMarked;
