package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.simd.Kernels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The selection-network kernels ({@link WeightBlock}, taken when every update is float weights over
 * one shared base) give the same aggregates as the scalar kernels ({@link ColumnSelector}, the
 * system property {@value WeightBlock#PROPERTY} set to false), bit for bit, on inputs chosen to
 * break them: every n from 1 to 20 and around the powers of two up to 130, d not a multiple of the
 * block width, heavy ties, all-equal columns, signed zeros over a zero base, a huge outlier, bases
 * far larger than the weights (many weights with one value), and blocks holding an infinity or a
 * NaN (which take the scalar fallback). The median is also checked against a plain sort.
 *
 * <p>One exception, by construction: where an order statistic is zero and its column holds both
 * signed zeros, the scalar quickselect returns whichever zero its pivots met, the network the one
 * {@link Float#compare} puts at that rank; the two results are then equal as numbers ({@code ==})
 * and differ only in the sign of zero. TID compares values with its bands and never outputs a band,
 * so its aggregates are identical regardless, and GLID sorts the whole column, where both orders
 * agree; the check {@link #same} allows it for the median and the trimmed mean only.
 */
final class NetworkKernelsTest {
  private static final int[] COUNTS = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 31, 32, 33, 63, 64, 65,
    99, 100, 101, 127, 128, 129, 130
  };

  private static List<ClientUpdate> updates(int n, int d, int kind, long seed) {
    Random rng = new Random(seed);
    float[] base = new float[d];
    for (int j = 0; j < d; j++) {
      base[j] =
          switch (kind) {
            case 2 -> 0f; // signed zeros survive the subtraction
            case 4 -> 1e9f * (rng.nextBoolean() ? 1 : -1); // many weights share one value
            default -> (float) (0.1 * rng.nextGaussian());
          };
    }
    List<ClientUpdate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] w = new float[d];
      for (int j = 0; j < d; j++) {
        float x =
            switch (kind) {
              case 0 -> (float) (base[j] + (i % 7 == 0 ? 100 : 1) * 0.05 * rng.nextGaussian());
              case 1 -> base[j] + (rng.nextInt(3) - 1) * 0.25f; // ties
              case 2 -> rng.nextInt(3) == 0 ? -0.0f : rng.nextInt(3) == 0 ? 0.0f : rng.nextInt(3);
              case 3 -> j % 5 == 0 ? base[j] + 1 : base[j] + 0.5f * (rng.nextInt(5) - 2);
              default -> base[j] + (float) (rng.nextGaussian() * 100);
            };
        w[j] = x;
      }
      if (i == n - 1 && n > 2) {
        w[d / 2] = 3e38f; // an outlier far beyond the rest
      }
      out.add(ClientUpdate.benign("c" + i, w, base, 1 + i % 3));
    }
    return out;
  }

  private static AggregationContext context(int d) {
    return new AggregationContext(0, new double[d], 1, () -> new double[d]);
  }

  private static double[] scalar(Supplier<double[]> run) {
    String old = System.getProperty(WeightBlock.PROPERTY);
    System.setProperty(WeightBlock.PROPERTY, "false");
    try {
      return run.get();
    } finally {
      if (old == null) {
        System.clearProperty(WeightBlock.PROPERTY);
      } else {
        System.setProperty(WeightBlock.PROPERTY, old);
      }
    }
  }

  /** Bit for bit, or (when allowed) both zeros of either sign. */
  private static boolean same(double a, double b, boolean signedZeros) {
    return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b)
        || (signedZeros && a == 0 && b == 0);
  }

  private static void check(String label, double[] expected, double[] got, boolean signedZeros) {
    assertThat(got).hasSameSizeAs(expected);
    for (int j = 0; j < got.length; j++) {
      if (!same(expected[j], got[j], signedZeros)) {
        assertThat(got[j]).as("%s coordinate %d", label, j).isEqualTo(expected[j]);
      }
    }
  }

  private static List<AggregationRule> rules(int n) {
    List<AggregationRule> rules = new ArrayList<>();
    rules.add(new CoordinateMedian());
    rules.add(new TrimmedMean(0.1));
    rules.add(new TrimmedMean(0.3));
    rules.add(new TrimmedMean(0));
    TwinInconsistencyDefense.Settings tid = TwinInconsistencyDefense.Settings.defaults();
    rules.add(new TwinInconsistencyDefense(tid));
    rules.add(new TwinInconsistencyDefense(tid.withBand(BandRule.PERCENTILE)));
    rules.add(new TwinInconsistencyDefense(tid.withBand(BandRule.IQR)));
    rules.add(
        new TwinInconsistencyDefense(
            new TwinInconsistencyDefense.Settings(BandRule.MAD, 0, 2, 0.5, false, false, 0.8)));
    if (n >= 7) {
      rules.add(new Bulyan((n - 3) / 4));
    }
    for (Glid.Method method : Glid.Method.values()) {
      rules.add(new Glid(method));
    }
    return rules;
  }

  @Test
  void everyRuleMatchesTheScalarKernelsBitForBit() {
    int d = 3 * WeightBlock.WIDTH + 45;
    for (int n : COUNTS) {
      for (int kind = 0; kind < 5; kind++) {
        List<ClientUpdate> u = updates(n, d, kind, 100L * n + kind);
        for (AggregationRule rule : rules(n)) {
          AggregationContext ctx = context(d);
          double[] expected = scalar(() -> rule.aggregate(u, ctx));
          double[] got = rule.aggregate(u, ctx);
          boolean zeros = rule instanceof CoordinateMedian || rule instanceof TrimmedMean;
          check(rule.name() + " n " + n + " kind " + kind, expected, got, zeros);
          if (rule instanceof TwinInconsistencyDefense tid) {
            double[] a = scalar(() -> tid.clientWeights(u));
            assertThat(tid.clientWeights(u)).as("tid weights n %d kind %d", n, kind).isEqualTo(a);
          }
        }
      }
    }
  }

  /**
   * The same with the block kernels of either implementation ({@code dnt.simd=scalar} selects the
   * plain loops, the default the Vector API's int-key network), plus TID with an infinite MAD
   * multiple (bands of infinite ends, or NaN ends where the MAD is zero, which no value passes).
   */
  @Test
  void everyRuleMatchesTheScalarKernelsWithEitherBlockKernels() {
    int d = 2 * WeightBlock.WIDTH + 21;
    for (String simd : new String[] {"scalar", "auto"}) {
      String old = System.getProperty(Kernels.PROPERTY);
      System.setProperty(Kernels.PROPERTY, simd);
      try {
        for (int n : COUNTS) {
          for (int kind = 0; kind < 5; kind++) {
            List<ClientUpdate> u = updates(n, d, kind, 7L * n + kind);
            List<AggregationRule> rules = rules(n);
            rules.add(
                new TwinInconsistencyDefense(
                    new TwinInconsistencyDefense.Settings(
                        BandRule.MAD, Double.POSITIVE_INFINITY, 2, 0.5, false, false, 0.8)));
            for (AggregationRule rule : rules) {
              AggregationContext ctx = context(d);
              double[] expected = scalar(() -> rule.aggregate(u, ctx));
              boolean zeros = rule instanceof CoordinateMedian || rule instanceof TrimmedMean;
              check(
                  rule.name() + " " + simd + " n " + n + " kind " + kind,
                  expected,
                  rule.aggregate(u, ctx),
                  zeros);
              if (rule instanceof TwinInconsistencyDefense tid) {
                double[] a = scalar(() -> tid.clientWeights(u));
                assertThat(tid.clientWeights(u))
                    .as("tid weights %s n %d kind %d", simd, n, kind)
                    .isEqualTo(a);
              }
            }
          }
        }
      } finally {
        if (old == null) {
          System.clearProperty(Kernels.PROPERTY);
        } else {
          System.setProperty(Kernels.PROPERTY, old);
        }
      }
    }
  }

  @Test
  void medianEqualsThePlainSortOfEveryColumn() {
    int d = WeightBlock.WIDTH + 7;
    for (int n : COUNTS) {
      List<ClientUpdate> u = updates(n, d, 1, n);
      double[] got = new CoordinateMedian().aggregate(u, context(d));
      for (int j = 0; j < d; j++) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
          c[i] = u.get(i).delta().get(j);
        }
        Arrays.sort(c);
        double med = n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
        assertThat(got[j]).as("n %d coordinate %d", n, j).isEqualTo(med);
      }
    }
  }

  @Test
  void blocksWithInfinitiesOrNanTakeTheScalarPath() {
    int n = 11;
    int d = 2 * WeightBlock.WIDTH + 3;
    List<ClientUpdate> u = updates(n, d, 0, 9);
    u.get(3).delta().weights()[5] = Float.POSITIVE_INFINITY;
    u.get(4).delta().weights()[WeightBlock.WIDTH + 9] = Float.NaN;
    for (AggregationRule rule : rules(n)) {
      AggregationContext ctx = context(d);
      double[] expected = scalar(() -> rule.aggregate(u, ctx));
      check(rule.name(), expected, rule.aggregate(u, ctx), false);
    }
  }

  @Test
  void thresholdKeysBoundTheBandExactly() {
    Random rng = new Random(17);
    for (int t = 0; t < 20_000; t++) {
      double b =
          switch (t % 4) {
            case 0 -> 0;
            case 1 -> (float) rng.nextGaussian();
            case 2 -> (float) (1e9 * rng.nextGaussian()); // weights near 0 collapse to -b
            default -> (float) (1e-30 * rng.nextGaussian());
          };
      double threshold =
          switch (t % 5) {
            case 0 -> -b; // the weight-0 value itself, shared by a huge range of weights
            case 1 -> rng.nextGaussian() * Math.abs(b);
            case 2 -> (double) (float) rng.nextGaussian() - b; // exactly a value
            case 3 -> rng.nextGaussian() * 1e-40;
            default -> rng.nextGaussian() * 1e39;
          };
      int lo = WeightBlock.lowestKeyAtLeast(threshold, b);
      if (lo != WeightBlock.NONE) {
        assertThat(value(lo, b)).isGreaterThanOrEqualTo(threshold);
        if (lo > WeightBlock.MIN_FINITE) {
          assertThat(value(lo - 1, b)).as("t %d", t).isLessThan(threshold);
        }
      } else {
        assertThat(value(WeightBlock.MAX_FINITE, b)).isLessThan(threshold);
      }
      int hi = WeightBlock.highestKeyAtMost(threshold, b);
      if (hi != WeightBlock.NONE) {
        assertThat(value(hi, b)).isLessThanOrEqualTo(threshold);
        if (hi < WeightBlock.MAX_FINITE) {
          assertThat(value(hi + 1, b)).as("t %d", t).isGreaterThan(threshold);
        }
      } else {
        assertThat(value(WeightBlock.MIN_FINITE, b)).isGreaterThan(threshold);
      }
    }
    assertThat(WeightBlock.lowestKeyAtLeast(Double.NaN, 0)).isEqualTo(WeightBlock.NONE);
    assertThat(WeightBlock.highestKeyAtMost(Double.NaN, 0)).isEqualTo(WeightBlock.NONE);
  }

  private static double value(int key, double b) {
    return (double) WeightBlock.weight(key) - b;
  }

  @Test
  void keysOrderFloatsLikeFloatCompareAndInvert() {
    float[] f = {-Float.MAX_VALUE, -1f, -Float.MIN_VALUE, -0.0f, 0.0f, Float.MIN_VALUE, 1f};
    for (int i = 0; i + 1 < f.length; i++) {
      assertThat(WeightBlock.key(f[i])).isLessThan(WeightBlock.key(f[i + 1]));
      assertThat(Float.floatToRawIntBits(WeightBlock.weight(WeightBlock.key(f[i]))))
          .isEqualTo(Float.floatToRawIntBits(f[i]));
    }
  }
}
