/**
 * Reinforcement-learning cache replacement for caching networks: a Double-DQN with action masking
 * on DJL, the reliability modules of a constrained MDP (state augmentation, action shield, reward
 * penalty, Lagrange multiplier), and the four systems of the DNT paper's case study IV-B.
 */
@NullMarked
package dnt.caching.rl;

import org.jspecify.annotations.NullMarked;
