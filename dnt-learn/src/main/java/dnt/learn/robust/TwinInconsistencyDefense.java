package dnt.learn.robust;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import dnt.learn.simd.BlockKernels;
import dnt.learn.simd.FloatKernels;
import dnt.learn.simd.Kernels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Twin Inconsistency Defense, TID (paper Sec. IV-C, Table II): "statistically trims dimension-wise
 * outlier parameters and then re-weights the benign DNT models during the attribute aggregation".
 *
 * <p><b>Reconstructed.</b> The paper gives no equations; this follows the reconstruction in the
 * project's security brief (GLID, the authors' dimension-wise trimming defense, plus client
 * re-weighting):
 *
 * <ol>
 *   <li>per coordinate j, an acceptance band {@code [lo_j, hi_j]} from the n values {@code u_ij} by
 *       a {@link BandRule} (default: the 10th-90th percentile range);
 *   <li>mask {@code m_ij = 1} if {@code lo_j <= u_ij <= hi_j};
 *   <li>client weight {@code a_i = (sum_j m_ij / d)^gamma} ({@code gamma = 2}), zero when the kept
 *       fraction is below {@code tau = 0.5}, optionally times the client's sample weight;
 *   <li>{@code agg_j = sum_i a_i m_ij u_ij / sum_i a_i m_ij}, zero (keep the global value) when the
 *       denominator is zero. If every client weight is zero the masked mean with unit weights is
 *       used.
 * </ol>
 *
 * <p>Optional history check (also reconstructed, the "tid-history" registry entry): the rule
 * remembers the first global model it sees as {@code w_0} and, per client, an exponential average
 * of the fraction of coordinates whose update sign agrees with {@code sign(w_0 - w_t)}, the
 * direction a TPI attacker pushes; clients whose average exceeds a threshold (default 0.8) get
 * weight zero. Honest clients move the model away from {@code w_0} and stay near or below 0.5.
 *
 * <p>Cost: one pass over coordinate blocks that computes the bands and counts each client's kept
 * coordinates, then one aggregation pass; extra memory two arrays of length d. The bands come from
 * a {@link SelectionNetwork} over 128 coordinates at a time when every update is float weights over
 * one shared base ({@link WeightBlock}; the MAD band from the sorted keys, {@link
 * WeightBlock#madBand}), otherwise from an out-of-place selection per transposed coordinate ({@link
 * ColumnSelector}); both give the same bands and counts. Precision: the bands come from exact order
 * statistics of the updates' exact values (the MAD scaling and the band ends are computed in
 * double), the masked weighted sums are accumulated in double in row order. The loops of the
 * network path (loading a block, the network, the MAD band, the mask counts) and the aggregation
 * pass over rows sharing one base (eight rows at a time) run on {@link BlockKernels}, the
 * aggregation pass over other rows through {@link Kernels} (the Vector API where the JVM has it;
 * the same doubles either way). Over rows sharing one base the aggregation pass first sums every
 * row of nonzero weight without the mask, noting which coordinates kept them all ({@link
 * BlockKernels#addRowsExpectingInside}: nearly all of them, usually), whose denominator is then the
 * weights' sum, and sums the other coordinates again with the mask, one at a time; the terms and
 * their order are those of the masked sums, so the doubles are the same. The MAD band's mask counts
 * read the range of weights inside each band from the sorted values ({@link
 * BandRule#countOutside}).
 */
public final class TwinInconsistencyDefense implements AggregationRule {
  /**
   * TID's settings.
   *
   * @param band the band rule
   * @param parameter the band rule's parameter (p in percent, k or z)
   * @param gamma the re-weighting exponent
   * @param minKeptFraction tau: a client keeping less than this fraction of coordinates gets weight
   *     zero
   * @param weightBySamples multiply the weights by each client's sample weight
   * @param historyCheck enable the sign-agreement history check
   * @param historyThreshold the agreement above which a client is excluded
   */
  public record Settings(
      BandRule band,
      double parameter,
      double gamma,
      double minKeptFraction,
      boolean weightBySamples,
      boolean historyCheck,
      double historyThreshold) {
    /** Checks the values. */
    public Settings {
      Objects.requireNonNull(band, "band");
      if (band == BandRule.PERCENTILE && !(parameter >= 0 && parameter < 50)) {
        throw new IllegalArgumentException("tid percentile p must be in [0, 50), got " + parameter);
      }
      if (!(parameter >= 0) || !(gamma >= 0) || !(minKeptFraction >= 0 && minKeptFraction <= 1)) {
        throw new IllegalArgumentException("tid needs parameter >= 0, gamma >= 0, tau in [0, 1]");
      }
      if (!(historyThreshold > 0 && historyThreshold <= 1)) {
        throw new IllegalArgumentException("tid history threshold must be in (0, 1]");
      }
    }

    /**
     * The defaults: median +- 3 MAD band, gamma 2, tau 0.5, no sample weights, no history.
     *
     * @return the defaults
     */
    public static Settings defaults() {
      return new Settings(BandRule.MAD, 3, 2, 0.5, false, false, 0.8);
    }

    /**
     * The same settings with another band rule and its default parameter.
     *
     * @param rule the band rule
     * @return the settings
     */
    public Settings withBand(BandRule rule) {
      return new Settings(
          rule,
          rule.defaultParameter(),
          gamma,
          minKeptFraction,
          weightBySamples,
          historyCheck,
          historyThreshold);
    }

    /**
     * The same settings with the history check on or off.
     *
     * @param on whether to check
     * @return the settings
     */
    public Settings withHistory(boolean on) {
      return new Settings(
          band, parameter, gamma, minKeptFraction, weightBySamples, on, historyThreshold);
    }
  }

  /** Coordinates per chunk of the aggregation pass. */
  private static final int CHUNK = 1024;

  /** Rows per group of the aggregation pass's kernel: eight rows streamed side by side. */
  private static final int GROUP = 8;

  /**
   * The aggregation pass sums a chunk expecting every row inside the band ({@link
   * BlockKernels#addRowsExpectingInside}) unless, in the previous chunk, more than one coordinate
   * in this many had a row outside (it then takes the masked sums, {@link
   * BlockKernels#addMaskedRows}, directly). Both give the same sums; this only chooses the faster.
   */
  private static final int REPEATS = 16;

  private final Settings settings;
  private final Map<String, Double> agreement = new HashMap<>();
  private double @Nullable [] initialGlobal;

  /**
   * Creates the rule.
   *
   * @param settings the settings
   */
  public TwinInconsistencyDefense(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** TID with the default settings. */
  public TwinInconsistencyDefense() {
    this(Settings.defaults());
  }

  /**
   * The settings.
   *
   * @return the settings
   */
  public Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    String band =
        settings.band() == BandRule.MAD
            ? ""
            : "-" + settings.band().name().toLowerCase(java.util.Locale.ROOT);
    return "tid" + band + (settings.historyCheck() ? "-history" : "");
  }

  @Override
  public synchronized double[] aggregate(List<ClientUpdate> updates, AggregationContext context) {
    UpdateVector[] rows = Columns.rows(updates);
    int n = rows.length;
    int d = rows[0].dimension();
    double[] lo = new double[d];
    long[] kept = new long[n];
    double[] hi = bands(rows, lo, kept);
    double[] a = clientWeights(updates, kept, d);
    if (settings.historyCheck()) {
      applyHistory(updates, rows, context.globalModel(), a);
    }
    boolean any = false;
    for (double x : a) {
      any |= x > 0;
    }
    if (!any) {
      java.util.Arrays.fill(a, 1.0);
    }
    double[] out = new double[d];
    // rows over one shared base go through the kernels a group at a time (the rows of nonzero
    // weight, in row order, so every coordinate's sums take the same terms in the same order)
    boolean shared = UpdateVector.sameBase(rows, 0, n);
    float @Nullable [][][] groups = shared ? groups(rows, a) : null;
    double @Nullable [][] groupWeights = shared ? groupWeights(a) : null;
    float @Nullable [] base = shared ? rows[0].base() : null;
    double weightSum = groupWeights == null ? 0 : sum(groupWeights);
    Columns.forRanges(
        d,
        (from, to) -> {
          // chunks small enough that the bands and accumulators stay in L1 while every row streams
          // by
          double[] num = new double[CHUNK];
          double[] den = new double[CHUNK];
          double[] inside = new double[CHUNK];
          FloatKernels kernels = Kernels.get();
          BlockKernels grouped = BlockKernels.get();
          boolean expectInside = true;
          for (int c = from; c < to; c += CHUNK) {
            int end = Math.min(to, c + CHUNK);
            java.util.Arrays.fill(num, 0);
            if (groups != null && groupWeights != null && base != null && expectInside) {
              // every row inside: the plain sums; a coordinate with a row outside is summed again
              java.util.Arrays.fill(inside, 1.0);
              for (int g = 0; g < groups.length; g++) {
                grouped.addRowsExpectingInside(
                    base, groups[g], groupWeights[g], lo, hi, num, inside, c, end);
              }
              int outside = 0;
              for (int j = c; j < end; j++) {
                if (inside[j - c] != 0) {
                  out[j] = weightSum > 0 ? num[j - c] / weightSum : 0;
                } else {
                  out[j] = maskedMean(base, groups, groupWeights, lo[j], hi[j], j);
                  outside++;
                }
              }
              // many coordinates summed twice: the next chunk takes the masked sums directly
              expectInside = outside <= (end - c) / REPEATS;
              continue;
            }
            java.util.Arrays.fill(den, 0);
            if (groups != null && groupWeights != null && base != null) {
              for (int g = 0; g < groups.length; g++) {
                grouped.addMaskedRows(base, groups[g], groupWeights[g], lo, hi, num, den, c, end);
              }
            }
            for (int i = 0; i < n && groups == null; i++) {
              double ai = a[i];
              if (ai == 0) {
                continue;
              }
              UpdateVector row = rows[i];
              if (row.isDifference()) {
                kernels.addMasked(row.weights(), row.base(), lo, hi, ai, num, den, c, end);
              } else {
                double[] values = row.values();
                for (int j = c; j < end; j++) {
                  double x = values[j];
                  boolean in = x >= lo[j] && x <= hi[j];
                  num[j - c] += in ? ai * x : 0.0;
                  den[j - c] += in ? ai : 0.0;
                }
              }
            }
            int partial = 0;
            for (int j = c; j < end; j++) {
              double dd = den[j - c];
              out[j] = dd > 0 ? num[j - c] / dd : 0;
              partial += dd != weightSum ? 1 : 0;
            }
            // a guess (a sum without some tiny weight can round to the full sum), only for speed
            expectInside = groups != null && partial <= (end - c) / REPEATS;
          }
        });
    return out;
  }

  /**
   * The weights of every group summed in row order from zero: the denominator of a coordinate that
   * keeps every row of nonzero weight.
   */
  private static double sum(double[][] groupWeights) {
    double total = 0;
    for (double[] w : groupWeights) {
      for (double x : w) {
        total += x;
      }
    }
    return total;
  }

  /**
   * One coordinate's masked mean over the grouped rows, with the arithmetic of {@link
   * BlockKernels#addMaskedRows} (the same terms added in the same order from zero).
   */
  private static double maskedMean(
      float[] base, float[][][] groups, double[][] groupWeights, double lo, double hi, int j) {
    double bj = base[j];
    double num = 0;
    double den = 0;
    for (int g = 0; g < groups.length; g++) {
      for (int k = 0; k < groups[g].length; k++) {
        double x = groups[g][k][j] - bj;
        boolean in = x >= lo && x <= hi;
        num += in ? groupWeights[g][k] * x : 0.0;
        den += in ? groupWeights[g][k] : 0.0;
      }
    }
    return den > 0 ? num / den : 0;
  }

  /** The weights of the rows of nonzero weight, in row order, in groups of {@link #GROUP}. */
  private static float[][][] groups(UpdateVector[] rows, double[] a) {
    int[] active = activeRows(a);
    float[][][] groups = new float[(active.length + GROUP - 1) / GROUP][][];
    for (int g = 0; g < groups.length; g++) {
      int size = Math.min(GROUP, active.length - g * GROUP);
      groups[g] = new float[size][];
      for (int k = 0; k < size; k++) {
        groups[g][k] = rows[active[g * GROUP + k]].weights();
      }
    }
    return groups;
  }

  /** The nonzero weights in the groups of {@link #groups}. */
  private static double[][] groupWeights(double[] a) {
    int[] active = activeRows(a);
    double[][] weights = new double[(active.length + GROUP - 1) / GROUP][];
    for (int g = 0; g < weights.length; g++) {
      int size = Math.min(GROUP, active.length - g * GROUP);
      weights[g] = new double[size];
      for (int k = 0; k < size; k++) {
        weights[g][k] = a[active[g * GROUP + k]];
      }
    }
    return weights;
  }

  private static int[] activeRows(double[] a) {
    return java.util.stream.IntStream.range(0, a.length).filter(i -> a[i] != 0).toArray();
  }

  /**
   * The per-client weights {@code a_i} for a set of updates, before any history check (exposed for
   * tests and reports).
   *
   * @param updates the updates
   * @return the weights
   */
  public double[] clientWeights(List<ClientUpdate> updates) {
    UpdateVector[] rows = Columns.rows(updates);
    long[] kept = new long[rows.length];
    bands(rows, new double[rows[0].dimension()], kept);
    return clientWeights(updates, kept, rows[0].dimension());
  }

  /**
   * The acceptance bands of all coordinates, and in the same pass over the transposed blocks the
   * number of coordinates of each client inside its band (the mask {@code m_ij} summed over j), so
   * the mask costs no extra pass over the updates.
   *
   * @param rows the n update rows
   * @param lo receives the bands' lower ends
   * @param kept receives, per client, the number of coordinates inside the band
   * @return the bands' upper ends
   */
  private double[] bands(UpdateVector[] rows, double[] lo, long[] kept) {
    int n = rows.length;
    double parameter = settings.parameter();
    BandRule rule = settings.band();
    Columns.StatefulColumnFunction<long[]> column =
        (tally, v, from, cnt, selector, j) -> {
          double high = rule.band(v, from, cnt, parameter, selector, lo, j);
          double low = lo[j];
          for (int i = 0; i < cnt; i++) {
            double x = v[from + i];
            tally[i] += x >= low && x <= high ? 1 : 0;
          }
          return high;
        };
    Consumer<long[]> finish =
        tally -> {
          for (int i = 0; i < n; i++) {
            kept[i] += tally[i];
          }
        };
    if (!WeightBlock.applies(rows)) {
      return Columns.map(rows, () -> new long[n], column, finish);
    }
    SelectionNetwork network = rule.network(n, parameter);
    return WeightBlock.map(
        rows,
        () -> new BlockTally(n),
        (tally, block, out) -> {
          double[] low = block.lane0;
          double[] high = block.lane1;
          rule.band(block, network, parameter, low, high);
          int from = block.from();
          System.arraycopy(low, 0, lo, from, block.width());
          System.arraycopy(high, 0, out, from, block.width());
          rule.countOutside(block, low, high, tally.outside);
          tally.coordinates += block.width();
        },
        (tally, v, from, cnt, selector, j) -> column.apply(tally.kept, v, from, cnt, selector, j),
        tally -> finish.accept(tally.kept()));
  }

  /**
   * One worker's mask counts on the network path: per row and lane, the coordinates outside the
   * band (as floats, exact below {@code 2^24}: a lane sees at most {@code d / 128} coordinates),
   * and per row the inside counts of the blocks that took the scalar fallback.
   */
  private static final class BlockTally {
    final long[] kept;
    final float[][] outside;
    long coordinates;

    BlockTally(int n) {
      kept = new long[n];
      outside = new float[n][WeightBlock.WIDTH];
    }

    /** The kept coordinates per row: network blocks' coordinates minus outside, plus fallback. */
    long[] kept() {
      long[] k = kept.clone();
      for (int i = 0; i < k.length; i++) {
        double out = 0;
        for (float o : outside[i]) {
          out += o;
        }
        k[i] += coordinates - (long) out;
      }
      return k;
    }
  }

  private double[] clientWeights(List<ClientUpdate> updates, long[] kept, int d) {
    int n = kept.length;
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      double frac = (double) kept[i] / d;
      double w = frac < settings.minKeptFraction() ? 0 : Math.pow(frac, settings.gamma());
      if (settings.weightBySamples()) {
        w *= updates.get(i).weight();
      }
      a[i] = w;
    }
    return a;
  }

  private void applyHistory(
      List<ClientUpdate> updates, UpdateVector[] rows, double[] global, double[] a) {
    if (initialGlobal == null || initialGlobal.length != global.length) {
      initialGlobal = global.clone();
      return;
    }
    int d = global.length;
    for (int i = 0; i < rows.length; i++) {
      UpdateVector row = rows[i];
      long agree = 0;
      long counted = 0;
      for (int j = 0; j < d; j++) {
        double r = Math.signum(initialGlobal[j] - global[j]);
        double x = row.get(j);
        if (r != 0 && x != 0) {
          counted++;
          if (Math.signum(x) == r) {
            agree++;
          }
        }
      }
      if (counted == 0) {
        continue;
      }
      double frac = (double) agree / counted;
      String id = updates.get(i).clientId();
      double ema = agreement.merge(id, frac, (old, x) -> 0.5 * old + 0.5 * x);
      if (ema > settings.historyThreshold()) {
        a[i] = 0;
      }
    }
  }
}
