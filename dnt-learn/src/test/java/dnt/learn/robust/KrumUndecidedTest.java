package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.fl.UpdateVector;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Krum's exact choice among the updates the guard leaves undecided: their rows of the exact
 * distance matrix ({@link PairwiseDistances#squaredDistanceRows}) and their scores ({@link
 * KrumScores#score}) are bit for bit those of the whole computation, the bounds' split ({@link
 * KrumSelection#split}) never misplaces an update, and {@link Krum#exactAmong} returns the exact
 * choice, near ties included. These tests need no PyTorch: the bounds come from a Gram matrix
 * computed in double and declared with a float-sized (or larger) error factor, which bounds its
 * error all the more.
 */
class KrumUndecidedTest {
  /**
   * n updates of d coordinates: float weights over one base, some double rows, two identical rows
   * (1, 2) and a nearly equal pair (3, 4), so that the exact pipeline recomputes some pairs
   * directly.
   */
  private static UpdateVector[] mixed(int n, int d, long seed) {
    Random rng = new Random(seed);
    float[] base = new float[d];
    for (int j = 0; j < d; j++) {
      base[j] = (float) (0.1 * rng.nextGaussian());
    }
    UpdateVector[] rows = new UpdateVector[n];
    for (int i = 0; i < n; i++) {
      float[] w = new float[d];
      for (int j = 0; j < d; j++) {
        w[j] = (float) (base[j] + (i % 7 == 0 ? 30 : 1) * 0.05 * rng.nextGaussian());
      }
      rows[i] =
          i % 5 == 4
              ? UpdateVector.of(UpdateVector.difference(w, base).toDouble())
              : UpdateVector.difference(w, base);
    }
    rows[2] = rows[1];
    double[] near = rows[3].toDouble();
    near[0] += 1e-9;
    rows[4] = UpdateVector.of(near);
    return rows;
  }

  @Test
  void candidateRowsAreThoseOfTheWholeMatrixBitForBit() {
    // d neither a multiple of 4 nor of the block width, over several blocks and all eight parts
    for (int d : new int[] {1, 7, 1_001, 20_003}) {
      UpdateVector[] rows = mixed(13, d, d);
      double[][] full = PairwiseDistances.squaredDistances(rows);
      int[] subset = {0, 2, 4, 12};
      double[][] part = PairwiseDistances.squaredDistanceRows(rows, subset);
      for (int a : subset) {
        assertThat(Arrays.equals(part[a], full[a])).as("row %d, d = %d", a, d).isTrue();
      }
    }
  }

  @Test
  void oneScoreIsTheSameDoubleAsInAllScores() {
    UpdateVector[] rows = mixed(11, 300, 3);
    double[][] dist = PairwiseDistances.squaredDistances(rows);
    int[] all = KrumScores.all(rows.length);
    double[] scores = KrumScores.scores(dist, all, 2);
    double[] buf = new double[rows.length - 1];
    for (int a = 0; a < rows.length; a++) {
      assertThat(KrumScores.score(dist, all, 2, a, buf)).isEqualTo(scores[a]);
    }
  }

  /** Bounds from the double Gram matrix, declared with relative error factor eps. */
  private static FloatGram.Result declared(UpdateVector[] rows, double eps) {
    int n = rows.length;
    double[][] g = PairwiseDistances.gram(rows);
    double[] flat = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(g[i], 0, flat, i * n, n);
    }
    return new FloatGram.Result(flat, n, eps, 0);
  }

  @Test
  void theSplitHoldsTheExactChoiceAndExactAmongFindsIt() {
    // eps from the Java kernel's 3.9e-6 and sgemm's 1.5e-5 up to 1e-2: ever fewer updates
    // placed, always the exact choice, for Krum (m = 1) and Multi-Krum (m = n - f)
    for (long seed = 1; seed <= 5; seed++) {
      UpdateVector[] rows = mixed(30, 2_000, seed);
      int d = rows[0].dimension();
      for (Krum rule : new Krum[] {Krum.krum(3), Krum.multiKrum(3)}) {
        int m = rule.name().equals("krum") ? 1 : 27;
        int[] exact = rule.chosen(rows, false);
        int previous = 0;
        for (double eps :
            new double[] {BlockGram.epsilon(d), FloatGram.epsilon(d), 1e-4, 1e-3, 1e-2}) {
          KrumSelection.Split split = KrumSelection.split(declared(rows, eps), d, 3, m);
          assertThat(split).isNotNull();
          String what = rule.name() + ", seed " + seed + ", eps " + eps;
          // the certain ones are chosen, the chosen ones are certain or undecided
          for (int i : split.in()) {
            assertThat(contains(exact, i)).as(what).isTrue();
          }
          for (int i : exact) {
            assertThat(contains(split.in(), i) || contains(split.undecided(), i)).as(what).isTrue();
          }
          assertThat(split.undecided().length).isGreaterThanOrEqualTo(previous);
          previous = split.undecided().length;
          assertThat(rule.exactAmong(rows, split, m)).as(what).containsExactly(exact);
        }
        // at the widest bound some updates are undecided, so their exact scores decide
        assertThat(previous).as("%s, seed %d", rule.name(), seed).isGreaterThan(1);
      }
    }
  }

  private static boolean contains(int[] a, int x) {
    return Arrays.stream(a).anyMatch(v -> v == x);
  }

  @Test
  void anExactTieIsBrokenByIndexAsTheWholeComputationDoes() {
    // mirror pairs +x and -x have equal exact scores: neither is certain, and the lower index
    // wins, as in KrumScores.order; Multi-Krum with f = 1 (seven of eight): its boundary
    // splits the outermost pair
    int d = 400;
    Random rng = new Random(17);
    UpdateVector[] rows = new UpdateVector[8];
    for (int p = 0; p < 4; p++) {
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        x[j] = (p + 1) * rng.nextGaussian();
      }
      rows[2 * p] = UpdateVector.of(Arrays.stream(x).map(v -> -v).toArray());
      rows[2 * p + 1] = UpdateVector.of(x);
    }
    FloatGram.Result g = declared(rows, FloatGram.epsilon(d));
    Krum krum = Krum.krum(1);
    KrumSelection.Split one = KrumSelection.split(g, d, 1, 1);
    assertThat(one).isNotNull();
    assertThat(one.in()).isEmpty();
    assertThat(one.undecided()).contains(0, 1);
    assertThat(krum.exactAmong(rows, one, 1)).containsExactly(krum.chosen(rows, false));
    double[] scores = krum.selectionScores(rows);
    assertThat(scores[0]).isEqualTo(scores[1]);
    assertThat(krum.chosen(rows, false)).containsExactly(0);
    Krum multi = Krum.multiKrum(1);
    KrumSelection.Split seven = KrumSelection.split(g, d, 1, 7);
    assertThat(seven).isNotNull();
    assertThat(seven.undecided()).contains(6, 7);
    assertThat(multi.exactAmong(rows, seven, 7)).containsExactly(multi.chosen(rows, false));
    assertThat(multi.chosen(rows, false)).containsExactly(0, 1, 2, 3, 4, 5, 6);
  }
}
