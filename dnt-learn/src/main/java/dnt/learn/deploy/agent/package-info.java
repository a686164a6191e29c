/**
 * The learning agent of the deployment study (paper Sec. III-B2): a graph convolutional encoder
 * (Kipf and Welling, "Semi-Supervised Classification with Graph Convolutional Networks", ICLR 2017)
 * over the twin graph, written on DJL with a dense or a sparse normalised adjacency, and proximal
 * policy optimisation (Schulman et al., "Proximal Policy Optimization Algorithms", 2017) with a
 * hybrid action: a categorical mapping choice per station and squashed Gaussian bandwidth and power
 * heads. {@link dnt.learn.deploy.agent.HybridPpo} trains on any {@link
 * dnt.learn.deploy.agent.HybridProblem}; {@link dnt.learn.deploy.agent.DeploymentProblem} adapts
 * the deployment environment. The agent lives in dnt-learn (it needs DJL); dnt-caching's RL agents
 * are built around the caching controller's decisions and outcomes, and dnt-learn may not use
 * dnt-caching (module layering).
 */
@NullMarked
package dnt.learn.deploy.agent;

import org.jspecify.annotations.NullMarked;
