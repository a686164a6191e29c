package dnt.caching.twin;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.caching.workload.RareEvent;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The twin's own rare regimes, generated from its model of the history (vertical mapping, paper
 * Sec. IV-B: the twin "generates data for common and rare scenarios"; how D-REC does it is not
 * public, so this is reconstructed). Instead of the test generator's events, the twin measures two
 * things in the physical history and extrapolates them:
 *
 * <ul>
 *   <li>rate excursions: per station, requests of its home clients per window of {@code window}
 *       slots over the station's mean; the largest ratio r over stations and windows becomes a
 *       surge of factor 1 + {@code amplify}·(r − 1) at a random station for a third of an episode;
 *   <li>popularity churn: per station, the share of the top-{@code top} items of the history's
 *       first half missing from the top of its second half, averaged over stations; a churn c
 *       becomes a ranking rotation of max(1, round({@code amplify}·c·{@code top})) ranks at a
 *       random slot.
 * </ul>
 *
 * Flash crowds of new items are not generated: a history without them gives the twin nothing to
 * map. The study's rare test regime (a fixed 3x surge, a flash crowd and a shift) is therefore a
 * held-out regime for every system.
 *
 * @param surgeFactor the surge factor of the twin's rare episodes
 * @param shiftRanks the rotation of the twin's popularity shifts
 * @param largestRatio r, the largest windowed rate ratio seen in the history
 * @param churn c, the mean top-set churn between the history's halves
 */
public record TwinStress(double surgeFactor, int shiftRanks, double largestRatio, double churn) {

  /**
   * Measures a history.
   *
   * @param history the physical requests (times are slots)
   * @param topology the association (home stations)
   * @param window slots per rate window, at least 1
   * @param top the size of the top sets compared for churn, at least 1
   * @param amplify how far beyond the history's extremes the twin extrapolates, at least 1
   * @return the twin's stress model
   */
  public static TwinStress fit(
      Trace history, Topology topology, int window, int top, double amplify) {
    if (window < 1 || top < 1 || !(amplify >= 1) || history.size() == 0) {
      throw new IllegalArgumentException(
          "need a non-empty history, window >= 1, top >= 1 and amplify >= 1");
    }
    int b = topology.stationCount();
    double t0 = Math.floor(history.times()[0]);
    int windows = 1 + (int) ((Math.floor(history.times()[history.size() - 1]) - t0) / window);
    long[][] counts = new long[b][windows];
    int half = history.size() / 2;
    List<Int2IntOpenHashMap> first = new ArrayList<>();
    List<Int2IntOpenHashMap> second = new ArrayList<>();
    for (int s = 0; s < b; s++) {
      first.add(new Int2IntOpenHashMap());
      second.add(new Int2IntOpenHashMap());
    }
    for (int i = 0; i < history.size(); i++) {
      int home = topology.stationsOf(history.clients()[i])[0];
      counts[home][(int) ((Math.floor(history.times()[i]) - t0) / window)]++;
      (i < half ? first : second).get(home).addTo(history.items()[i], 1);
    }
    double ratio = 1;
    double churn = 0;
    int measured = 0;
    for (int s = 0; s < b; s++) {
      long sum = 0;
      long max = 0;
      for (long c : counts[s]) {
        sum += c;
        max = Math.max(max, c);
      }
      if (sum > 0) {
        ratio = Math.max(ratio, max * (double) windows / sum);
      }
      if (!first.get(s).isEmpty() && !second.get(s).isEmpty()) {
        IntOpenHashSet a = topSet(first.get(s), top);
        IntOpenHashSet z = topSet(second.get(s), top);
        int missing = 0;
        for (int item : a) {
          if (!z.contains(item)) {
            missing++;
          }
        }
        churn += (double) missing / a.size();
        measured++;
      }
    }
    churn = measured == 0 ? 0 : churn / measured;
    return new TwinStress(
        1 + amplify * (ratio - 1),
        (int) Math.max(1, Math.round(amplify * churn * top)),
        ratio,
        churn);
  }

  /** The {@code top} most requested items (ties to the smaller id). */
  private static IntOpenHashSet topSet(Int2IntOpenHashMap counts, int top) {
    int[] items = counts.keySet().toIntArray();
    Integer[] boxed = new Integer[items.length];
    for (int i = 0; i < items.length; i++) {
      boxed[i] = items[i];
    }
    java.util.Arrays.sort(
        boxed,
        (x, y) -> {
          int c = Integer.compare(counts.get((int) y), counts.get((int) x));
          return c != 0 ? c : Integer.compare(x, y);
        });
    IntOpenHashSet set = new IntOpenHashSet();
    for (int i = 0; i < Math.min(top, boxed.length); i++) {
      set.add((int) boxed[i]);
    }
    return set;
  }

  /**
   * The rare events of one synthetic episode: a surge at a random station over a random third, and
   * a popularity shift at a random slot.
   *
   * @param slots the episode's slots, at least 1
   * @param stations the number of stations
   * @param random the source of randomness
   * @return the events
   */
  public List<RareEvent> events(int slots, int stations, RandomGenerator random) {
    int third = Math.max(1, slots / 3);
    return List.of(
        new RareEvent.RateSurge(
            random.nextInt(slots - third + 1), third, random.nextInt(stations), surgeFactor),
        new RareEvent.PopularityShift(random.nextInt(slots), shiftRanks));
  }
}
