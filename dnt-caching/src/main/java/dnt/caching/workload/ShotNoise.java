package dnt.caching.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The shot-noise model (S. Traverso, M. Ahmed, M. Garetto, P. Giaccone, E. Leonardi, S. Niccolini,
 * "Temporal Locality in Today's Content Caching: Why It Matters and How to Model It", ACM SIGCOMM
 * CCR 43(5), 2013): contents arrive as a Poisson process, each with a volume and a rectangular
 * popularity profile of finite lifetime; requests are the superposition of these shots. Here a
 * {@code shotShare} fraction of requests goes to the live shots (proportionally to their intensity,
 * volume / lifetime) and the rest to a background IRM sampler, which gives the temporal locality
 * that the IRM alone lacks. New contents take ids from {@code firstId} upwards.
 */
public final class ShotNoise implements ItemSampler {
  private record Shot(int item, double intensity, int end) {}

  private final ItemSampler background;
  private final double arrivalRate;
  private final double meanVolume;
  private final int meanLifetime;
  private final double shotShare;
  private final List<Shot> live = new ArrayList<>();
  private int nextId;
  private double totalIntensity;

  /**
   * A shot-noise sampler.
   *
   * @param background the IRM sampler for the remaining requests
   * @param arrivalRate expected new contents per slot
   * @param meanVolume mean volume (exponentially distributed)
   * @param meanLifetime mean lifetime in slots (exponentially distributed, at least 1)
   * @param shotShare the fraction of requests that go to live shots, in [0, 1]
   * @param firstId the id of the first new content (above the background catalogue)
   */
  public ShotNoise(
      ItemSampler background,
      double arrivalRate,
      double meanVolume,
      int meanLifetime,
      double shotShare,
      int firstId) {
    this.background = background;
    this.arrivalRate = arrivalRate;
    this.meanVolume = meanVolume;
    this.meanLifetime = Math.max(1, meanLifetime);
    this.shotShare = shotShare;
    this.nextId = firstId;
  }

  @Override
  public void advance(int slot, RandomGenerator random) {
    background.advance(slot, random);
    live.removeIf(s -> s.end() <= slot);
    // Poisson arrivals by inversion of the exponential inter-arrival times within the slot.
    double t = -Math.log(1 - random.nextDouble()) / arrivalRate;
    while (t < 1) {
      int life = 1 + (int) (-Math.log(1 - random.nextDouble()) * (meanLifetime - 1));
      double volume = -Math.log(1 - random.nextDouble()) * meanVolume;
      live.add(new Shot(nextId++, volume / life, slot + life));
      t += -Math.log(1 - random.nextDouble()) / arrivalRate;
    }
    totalIntensity = 0;
    for (Shot s : live) {
      totalIntensity += s.intensity();
    }
  }

  @Override
  public void shift(int ranks) {
    background.shift(ranks);
  }

  @Override
  public int sample(int station, int slot, RandomGenerator random) {
    if (live.isEmpty() || random.nextDouble() >= shotShare) {
      return background.sample(station, slot, random);
    }
    double u = random.nextDouble() * totalIntensity;
    for (Shot s : live) {
      u -= s.intensity();
      if (u <= 0) {
        return s.item();
      }
    }
    return live.get(live.size() - 1).item();
  }

  /**
   * The number of contents alive now.
   *
   * @return the count
   */
  public int liveContents() {
    return live.size();
  }
}
