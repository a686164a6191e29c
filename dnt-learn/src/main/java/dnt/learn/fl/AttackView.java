package dnt.learn.fl;

import java.util.Objects;

/**
 * What an attacker can observe in a round (threat models of MPAF and TPI: the initial and the
 * current global models, and for stronger attackers the previous one).
 *
 * @param round the round number, from 0
 * @param initialGlobal the global model of round 0 (w_0)
 * @param previousGlobal the global model of the previous round (w_{t-1}); w_0 in round 0
 * @param currentGlobal the current global model (w_t)
 * @param seed a seed for this round's randomness
 */
public record AttackView(
    int round, double[] initialGlobal, double[] previousGlobal, double[] currentGlobal, long seed) {
  /** Checks the fields. */
  public AttackView {
    Objects.requireNonNull(initialGlobal, "initialGlobal");
    Objects.requireNonNull(previousGlobal, "previousGlobal");
    Objects.requireNonNull(currentGlobal, "currentGlobal");
  }
}
