package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * TID's aggregation pass over rows sharing one base (the kernels' groups of eight rows of nonzero
 * weight) gives bit for bit the aggregate of the same updates sent as doubles (one row at a time,
 * the plain loop, and the bands from the scalar selection): row counts around the group size, some
 * clients excluded (zero weight, skipped rather than added), sample weights, signed zeros over a
 * zero base (where adding an excluded row's 0.0 turns a -0.0 sum into 0.0), heavy ties, and a zero
 * MAD in the first chunk only (rows of kept clients outside the band: the sums that expect every
 * row inside redo those coordinates, and the next chunk takes the masked sums).
 */
final class TidAggregationPassTest {
  private static List<ClientUpdate> updates(int n, int d, int kind, long seed) {
    Random rng = new Random(seed);
    float[] base = new float[d];
    for (int j = 0; j < d; j++) {
      base[j] = kind == 1 ? 0f : (float) (0.1 * rng.nextGaussian());
    }
    List<ClientUpdate> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] w = new float[d];
      for (int j = 0; j < d; j++) {
        w[j] =
            switch (kind) {
              case 1 -> rng.nextInt(3) == 0 ? -0.0f : rng.nextInt(4) == 0 ? 0.0f : rng.nextInt(3);
              case 2 -> base[j] + (rng.nextInt(3) - 1) * 0.25f;
              // in the first chunk of 1,024 coordinates only, three in five values equal (a zero
              // MAD: every other value is outside, kept clients' too), so that the pass both
              // leaves and takes again the sums that expect every row inside
              case 3 ->
                  j < 1024
                      ? base[j] + (rng.nextInt(5) < 3 ? 0f : rng.nextBoolean() ? 0.25f : -0.25f)
                      : (float) (base[j] + 0.05 * rng.nextGaussian());
              // every fifth client far off, so that it keeps few coordinates and gets weight zero
              default -> (float) (base[j] + (i % 5 == 1 ? 50 : 1) * 0.05 * rng.nextGaussian());
            };
      }
      out.add(ClientUpdate.benign("c" + i, w, base, 1 + i % 4));
    }
    return out;
  }

  private static List<ClientUpdate> asDoubles(List<ClientUpdate> updates) {
    List<ClientUpdate> out = new ArrayList<>();
    for (ClientUpdate u : updates) {
      out.add(new ClientUpdate(u.clientId(), u.deltaAsDouble(), u.weight(), u.fake()));
    }
    return out;
  }

  @Test
  void groupedRowsGiveTheOneRowAtATimeAggregate() {
    int d = 2 * 1024 + 77;
    TwinInconsistencyDefense.Settings defaults = TwinInconsistencyDefense.Settings.defaults();
    List<TwinInconsistencyDefense.Settings> settings =
        List.of(
            defaults,
            new TwinInconsistencyDefense.Settings(BandRule.MAD, 1, 2, 0.9, true, false, 0.8),
            defaults.withBand(BandRule.PERCENTILE));
    int excluded = 0;
    for (int n : new int[] {1, 2, 3, 7, 8, 9, 15, 16, 17, 33, 100}) {
      for (int kind = 0; kind < 3; kind++) {
        List<ClientUpdate> floats = updates(n, d, kind, 31L * n + kind);
        List<ClientUpdate> doubles = asDoubles(floats);
        AggregationContext context =
            new AggregationContext(0, new double[d], 1, () -> new double[d]);
        for (TwinInconsistencyDefense.Settings s : settings) {
          double[] expected = new TwinInconsistencyDefense(s).aggregate(doubles, context);
          double[] got = new TwinInconsistencyDefense(s).aggregate(floats, context);
          for (int j = 0; j < d; j++) {
            if (Double.doubleToRawLongBits(got[j]) != Double.doubleToRawLongBits(expected[j])) {
              throw new AssertionError(
                  String.format(
                      "n %d kind %d %s coordinate %d: %s, expected %s",
                      n, kind, s, j, got[j], expected[j]));
            }
          }
          for (double a : new TwinInconsistencyDefense(s).clientWeights(floats)) {
            excluded += a == 0 ? 1 : 0;
          }
        }
      }
    }
    assertThat(excluded).as("some clients excluded, so some rows are skipped").isPositive();
  }

  @Test
  void chunksWithRowsOutsideAndChunksWithoutGiveTheOneRowAtATimeAggregate() {
    int d = 3 * 1024 + 5;
    for (int n : new int[] {9, 40, 100}) {
      List<ClientUpdate> floats = updates(n, d, 3, 7L * n);
      AggregationContext context = new AggregationContext(0, new double[d], 1, () -> new double[d]);
      double[] expected = new TwinInconsistencyDefense().aggregate(asDoubles(floats), context);
      double[] got = new TwinInconsistencyDefense().aggregate(floats, context);
      for (int j = 0; j < d; j++) {
        assertThat(Double.doubleToRawLongBits(got[j]))
            .as("n %d coordinate %d: %s, expected %s", n, j, got[j], expected[j])
            .isEqualTo(Double.doubleToRawLongBits(expected[j]));
      }
    }
  }
}
