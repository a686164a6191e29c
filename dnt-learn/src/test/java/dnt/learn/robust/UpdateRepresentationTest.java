package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.AggregationContext;
import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every registered rule gives bit for bit the same aggregate whether the benign updates arrive as
 * float weights over the round's base (subtracted inside the kernels) or as the double values
 * {@code (double) w_i[j] - w_t[j]} formed beforehand: the exact uplink changes memory, not results.
 */
final class UpdateRepresentationTest {
  private static final int D = 5_003;

  /**
   * Sixteen updates: twelve benign as float weights over one shared base (so the kernels take them
   * eight and four at a time), one over an equal but separate base array (taken alone), and three
   * crafted in double (as attacks and codecs send them), placed between the benign ones.
   */
  private static List<ClientUpdate> updates() {
    Random rng = new Random(11);
    float[] base = new float[D];
    for (int j = 0; j < D; j++) {
      base[j] = (float) (rng.nextGaussian() * 0.3);
    }
    List<ClientUpdate> out = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      if (i == 3 || i == 9 || i == 14) {
        double[] x = new double[D];
        for (int j = 0; j < D; j++) {
          x[j] = 5 + 0.1 * rng.nextGaussian();
        }
        out.add(new ClientUpdate("fake-" + i, x, 1, true));
        continue;
      }
      float[] w = new float[D];
      for (int j = 0; j < D; j++) {
        // weights near the base: w - base is not a float in general
        w[j] = (float) (base[j] + 0.01 * rng.nextGaussian());
      }
      float[] b = i == 12 ? base.clone() : base;
      out.add(ClientUpdate.benign("c" + i, w, b, 1 + i % 3));
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
  void everyRuleSeesTheSameValuesInBothRepresentations() {
    List<ClientUpdate> floats = updates();
    List<ClientUpdate> doubles = asDoubles(floats);
    assertThat(floats.get(0).delta().isDifference()).isTrue();
    assertThat(doubles.get(0).delta().isDifference()).isFalse();
    double[] reference = floats.get(1).deltaAsDouble();
    AggregationRules.Options options = new AggregationRules.Options(2, 0.1);
    for (String name : AggregationRules.REGISTRY.names()) {
      AggregationRule a = AggregationRules.REGISTRY.factory(name).apply(options);
      AggregationRule b = AggregationRules.REGISTRY.factory(name).apply(options);
      // two rounds, so that rules with per-run state (centered clipping, TID's history) use it
      for (int round = 0; round < 2; round++) {
        AggregationContext context =
            new AggregationContext(round, new double[D], 7 + round, reference::clone);
        assertThat(a.aggregate(floats, context))
            .as("%s, round %d", name, round)
            .containsExactly(b.aggregate(doubles, context));
      }
    }
  }

  @Test
  void theKernelsReadBothRepresentationsAlike() {
    List<ClientUpdate> floats = updates();
    UpdateVector[] f = Columns.rows(floats);
    UpdateVector[] g = Columns.rows(asDoubles(floats));
    int n = f.length;
    double[] bf = new double[n * 40];
    double[] bg = new double[n * 40];
    Columns.transpose(f, 1000, 40, bf);
    Columns.transpose(g, 1000, 40, bg);
    assertThat(bf).containsExactly(bg);
    for (int j = 0; j < 40; j++) {
      for (int i = 0; i < n; i++) {
        assertThat(bf[j * n + i]).isEqualTo(g[i].values()[1000 + j]);
      }
    }
    assertThat(Columns.norms(f)).containsExactly(Columns.norms(g));
    assertThat(Columns.gram(f)).isDeepEqualTo(Columns.gram(g));
    assertThat(Columns.directSquaredDistances(f)).isDeepEqualTo(Columns.directSquaredDistances(g));
    assertThat(PairwiseDistances.squaredDistances(f))
        .isDeepEqualTo(PairwiseDistances.squaredDistances(g));
    double[] v = g[5].values();
    assertThat(Columns.dot(f[0], v)).isEqualTo(Columns.dot(g[0], v));
    assertThat(Columns.squaredDistance(f[0], v)).isEqualTo(Columns.squaredDistance(g[0], v));
  }
}
