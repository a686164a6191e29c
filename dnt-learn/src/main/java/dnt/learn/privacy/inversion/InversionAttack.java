package dnt.learn.privacy.inversion;

import java.util.random.RandomGenerator;

/**
 * A gradient-inversion attack: from what a curious server holds ({@link Observation}) it guesses
 * the client's windows. An attack never throws on an update that carries no information (noise,
 * zeros, non-finite values): it returns its best guess, at worst {@link Reconstruction#zeros}.
 */
@FunctionalInterface
public interface InversionAttack {
  /**
   * Reconstructs the client's batch.
   *
   * @param observation the global model and the client's decoded update
   * @param random the attack's own randomness (its starting guess)
   * @return B guessed windows and targets
   */
  Reconstruction reconstruct(Observation observation, RandomGenerator random);
}
