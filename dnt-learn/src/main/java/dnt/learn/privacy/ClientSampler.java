package dnt.learn.privacy;

import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Poisson client sampling for DP-FedAvg (McMahan et al., "Learning Differentially Private Recurrent
 * Language Models", ICLR 2018): every client joins a round independently with probability q, which
 * is what the {@link RdpAccountant}'s sampled Gaussian mechanism assumes.
 */
public final class ClientSampler {
  private final double rate;

  /**
   * Creates the sampler.
   *
   * @param rate the sampling probability q in (0, 1]
   */
  public ClientSampler(double rate) {
    if (!(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("sampling rate must be in (0, 1], got " + rate);
    }
    this.rate = rate;
  }

  /**
   * The sampling probability.
   *
   * @return q
   */
  public double rate() {
    return rate;
  }

  /**
   * The clients taking part in a round.
   *
   * @param <T> the client type
   * @param clients all clients, in a stable order
   * @param seed the round's seed
   * @return the sampled clients, in input order (possibly none)
   */
  public <T> List<T> sample(List<T> clients, long seed) {
    RandomGenerator rng = Seeds.generator(seed);
    List<T> out = new ArrayList<>();
    for (T c : clients) {
      if (rng.nextDouble() < rate) {
        out.add(c);
      }
    }
    return out;
  }
}
