package dnt.learn.fl.cost;

import dnt.core.InvalidSettingException;
import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The shares of stations on each backhaul class. {@link #assign} gives every station a class: the
 * counts are the shares times the station count rounded by largest remainder (so they add up to the
 * count), and which station gets which class is a seeded Fisher-Yates shuffle.
 *
 * @param fibre the share on fibre, in [0, 1]
 * @param microwave the share on microwave, in [0, 1]
 * @param wireless the share on wireless backhaul, in [0, 1]; the three add up to 1 (within 1e-9)
 */
public record BackhaulMix(double fibre, double microwave, double wireless) {
  /** Checks the shares. */
  public BackhaulMix {
    share("fibre", fibre);
    share("microwave", microwave);
    share("wireless", wireless);
    double sum = fibre + microwave + wireless;
    // three decimal shares typed by a user add up to 1 within a few ulps
    if (Math.abs(sum - 1) > 1e-9) {
      throw new InvalidSettingException(
          "wireless", "the shares fibre + microwave + wireless must add up to 1, got " + sum);
    }
  }

  private static void share(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new InvalidSettingException(key, "a backhaul share must be in [0, 1], got " + v);
    }
  }

  /**
   * One class per station.
   *
   * @param stations the station count, at least 1
   * @param seed the seed of the shuffle
   * @return the classes, in station order
   */
  public List<BackhaulClass> assign(int stations, long seed) {
    if (stations < 1) {
      throw new IllegalArgumentException("need at least one station, got " + stations);
    }
    double[] shares = {fibre, microwave, wireless};
    int[] counts = new int[3];
    double[] rest = new double[3];
    int given = 0;
    for (int i = 0; i < 3; i++) {
      double exact = shares[i] * stations;
      counts[i] = (int) Math.floor(exact);
      rest[i] = exact - counts[i];
      given += counts[i];
    }
    while (given < stations) {
      int best = 0;
      for (int i = 1; i < 3; i++) {
        if (rest[i] > rest[best]) {
          best = i;
        }
      }
      counts[best]++;
      rest[best] = -1;
      given++;
    }
    List<BackhaulClass> out = new ArrayList<>(stations);
    BackhaulClass[] classes = BackhaulClass.values();
    for (int i = 0; i < 3; i++) {
      out.addAll(Collections.nCopies(counts[i], classes[i]));
    }
    RandomGenerator r = Seeds.generator(Seeds.derive(seed, 5000));
    for (int i = out.size() - 1; i > 0; i--) {
      Collections.swap(out, i, r.nextInt(i + 1));
    }
    return List.copyOf(out);
  }
}
