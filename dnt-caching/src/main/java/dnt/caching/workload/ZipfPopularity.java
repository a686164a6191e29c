package dnt.caching.workload;

import java.util.random.RandomGenerator;

/**
 * The independent reference model with Zipf popularity and local tastes: each station ranks the
 * catalogue by its own permutation, a global ranking with a {@code locality} fraction of its ranks
 * swapped at random. The permutation can be rotated over time ({@link #shift}) to model popularity
 * drift; the exponent can be changed ({@link #setAlpha}) to model an alpha jump.
 */
public final class ZipfPopularity implements ItemSampler {
  private final int[][] rankToItem;
  private final int catalogue;
  private ZipfDistribution zipf;
  private int offset;

  /**
   * Builds per-station rankings.
   *
   * @param stations the number of stations
   * @param catalogue the number of items (ids 0..catalogue-1)
   * @param alpha the Zipf exponent
   * @param locality the fraction of ranks each station swaps, in [0, 1]
   * @param random the source of randomness for the permutations
   */
  public ZipfPopularity(
      int stations, int catalogue, double alpha, double locality, RandomGenerator random) {
    if (locality < 0 || locality > 1) {
      throw new IllegalArgumentException("locality must be in [0, 1], got " + locality);
    }
    this.catalogue = catalogue;
    zipf = new ZipfDistribution(catalogue, alpha);
    int[] global = new int[catalogue];
    for (int i = 0; i < catalogue; i++) {
      global[i] = i;
    }
    shuffle(global, catalogue, random);
    rankToItem = new int[stations][];
    for (int s = 0; s < stations; s++) {
      int[] p = global.clone();
      int swaps = (int) Math.round(locality * catalogue / 2);
      for (int k = 0; k < swaps; k++) {
        int a = random.nextInt(catalogue);
        int b = random.nextInt(catalogue);
        int t = p[a];
        p[a] = p[b];
        p[b] = t;
      }
      rankToItem[s] = p;
    }
  }

  private static void shuffle(int[] a, int n, RandomGenerator random) {
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /**
   * Rotates every ranking by {@code ranks} positions: the item at rank r moves to rank r - ranks,
   * so formerly unpopular items become popular (a popularity shift).
   *
   * @param ranks the rotation
   */
  @Override
  public void shift(int ranks) {
    offset = Math.floorMod(offset + ranks, catalogue);
  }

  /**
   * Changes the Zipf exponent (an alpha jump).
   *
   * @param alpha the new exponent
   */
  public void setAlpha(double alpha) {
    if (alpha != zipf.alpha()) {
      zipf = new ZipfDistribution(catalogue, alpha);
    }
  }

  /**
   * The current exponent.
   *
   * @return alpha
   */
  public double alpha() {
    return zipf.alpha();
  }

  /**
   * The item at a rank of a station's current ranking.
   *
   * @param station the station
   * @param rank the rank
   * @return the item
   */
  public int itemAt(int station, int rank) {
    return rankToItem[station][(rank + offset) % catalogue];
  }

  @Override
  public int sample(int station, int slot, RandomGenerator random) {
    return itemAt(station, zipf.sample(random));
  }
}
