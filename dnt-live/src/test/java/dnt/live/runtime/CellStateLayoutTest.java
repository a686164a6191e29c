package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.util.Seeds;
import dnt.data.integrity.IntegrityParams;
import dnt.data.integrity.MaskPredict;
import dnt.data.integrity.Predictor;
import dnt.data.integrity.Verdict;
import dnt.learn.forecast.Forecaster;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.online.CellModel;
import dnt.learn.online.SeriesScaler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The cell state in primitive arrays behaves exactly as the boxed maps it replaced ({@link
 * TreeMapCellState}, the earlier implementation): over random row sequences with replacements
 * (within a batch and of held rows), late rows inserted before held ones, masks set, replaced and
 * lifted, integrity judgements with and without a model (whose inputs go through the cache that
 * {@code apply} forgets entries of), and restores from snapshots through the serializer, every
 * answer is the same, bit for bit: the replacements, the verdicts, totals over random ranges with
 * and without masks, the span, the masked slots and the snapshot.
 */
final class CellStateLayoutTest {
  private static final int S = MaskPredict.SLOTS_PER_DAY;

  /** Country codes whose decimal order differs from their numeric order (7 after 355). */
  private static final int[] CODES = {39, 0, 33, 49, 355, 7, 1, 86, 1000, 3};

  private final LiveSerializer serializer = new LiveSerializer();

  /**
   * Doubles compared bit for bit (AssertJ's recursive comparison otherwise allows 1e-15 and finds
   * NaN unequal to NaN): the same sums in the same order give the same bits.
   */
  private static final Comparator<Double> BITS = Comparator.comparingLong(Double::doubleToLongBits);

  @Test
  void randomSequencesGiveTheAnswersOfTheBoxedMaps() {
    for (long seed = 1; seed <= 5; seed++) {
      compare(seed, null);
    }
  }

  @Test
  void randomSequencesJudgedByAModelGiveTheAnswersOfTheBoxedMaps() {
    WindowSpec spec = new WindowSpec(6, 1, S, true, false, false);
    Mlp mlp = new Mlp(spec, 8, 1, 0.0);
    CellModel model =
        new CellModel(
            "7", mlp, Forecaster.initialise(mlp, 5).parameters(), new SeriesScaler(150, 60), 1);
    for (long seed = 11; seed <= 13; seed++) {
      compare(seed, model);
    }
  }

  private void compare(long seed, @Nullable CellModel model) {
    RandomGenerator r = Seeds.generator(seed);
    IntegrityParams params = IntegrityParams.defaults();
    CellState packed = new CellState(params);
    TreeMapCellState ref = new TreeMapCellState(params);
    int late = 0;
    int repeats = 0;
    int masked = 0;
    int unmasked = 0;
    int restores = 0;
    for (int t = 0; t < 3 * S; t++) {
      List<Observation> batch = batch(r, t);
      for (Observation o : batch) {
        late += o.slot() < t ? 1 : 0;
      }
      assertThat(packed.replacements(batch)).isEqualTo(ref.replacements(batch));
      repeats += ref.replacements(batch);
      List<Verdict> verdicts;
      if (t > 20 && r.nextInt(6) == 0) {
        // verdicts made up for held slots: masks set, replaced and lifted in any order
        verdicts = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
          long slot = r.nextInt(t);
          boolean mask = r.nextBoolean();
          double[] prediction = values(r, 50);
          verdicts.add(
              new Verdict(slot, 10, 20, 3.5, mask, mask, prediction, Predictor.SEASONAL_NAIVE));
          masked += mask ? 1 : 0;
          unmasked += mask ? 0 : 1;
        }
      } else {
        verdicts = packed.judge(batch, model);
        List<Verdict> want = ref.judge(batch, model);
        assertThat(verdicts)
            .usingRecursiveComparison()
            .withComparatorForType(BITS, Double.class)
            .isEqualTo(want);
        masked += (int) verdicts.stream().filter(Verdict::masked).count();
      }
      packed.apply(batch, verdicts);
      ref.apply(batch, verdicts);
      assertSameState(packed, ref, r, t);
      if (r.nextInt(40) == 0) {
        CellSnapshot snap = packed.snapshot();
        assertThat(snap)
            .usingRecursiveComparison()
            .withComparatorForType(BITS, Double.class)
            .isEqualTo(ref.snapshot());
        packed =
            CellState.of(
                (CellSnapshot)
                    serializer.fromBinary(serializer.toBinary(snap), serializer.manifest(snap)),
                params);
        restores++;
        assertSameState(packed, ref, r, t);
      }
    }
    assertThat(packed.snapshot())
        .usingRecursiveComparison()
        .withComparatorForType(BITS, Double.class)
        .isEqualTo(ref.snapshot());
    // the sequence exercised what it means to
    assertThat(late).isGreaterThan(100);
    assertThat(repeats).isGreaterThan(100);
    assertThat(masked).isGreaterThan(10);
    assertThat(unmasked).isGreaterThan(10);
    assertThat(restores).isPositive();
    assertThat(packed.maskedSlots()).isNotEmpty();
  }

  /**
   * One batch at slot {@code t}: 1 to 6 country codes of the slot, now and then a stretch four
   * times as high (masked once flagged), a late row for an older slot (often a new key inserted
   * before held ones, else a replacement), a repeat of a row within the batch.
   */
  private static List<Observation> batch(RandomGenerator r, int t) {
    List<Observation> batch = new ArrayList<>();
    double level = 150 + 60 * Math.sin(2 * Math.PI * t / S) + r.nextGaussian();
    double factor = t % S >= 40 && t % S < 52 && t >= S ? 4 : 1;
    int n = 1 + r.nextInt(6);
    for (int c = 0; c < n; c++) {
      batch.add(row(r, t, CODES[r.nextInt(CODES.length)], factor * level / n));
    }
    if (t > 5 && r.nextInt(3) == 0) {
      batch.add(row(r, t - 1 - r.nextInt(Math.min(t, 200)), CODES[r.nextInt(CODES.length)], 80));
    }
    if (r.nextInt(5) == 0) {
      batch.add(batch.get(r.nextInt(batch.size())));
    }
    return batch;
  }

  private static Observation row(RandomGenerator r, long slot, int code, double internet) {
    double[] v = values(r, internet);
    return new Observation(slot, code, v[0], v[1], v[2], v[3], internet);
  }

  private static double[] values(RandomGenerator r, double scale) {
    double[] v = new double[Observation.SERVICES];
    for (int s = 0; s < v.length; s++) {
      v[s] = scale * r.nextDouble();
    }
    return v;
  }

  private static void assertSameState(
      CellState packed, TreeMapCellState ref, RandomGenerator r, int t) {
    assertThat(packed.size()).isEqualTo(ref.size());
    if (ref.size() > 0) {
      assertThat(packed.oldestSlot()).isEqualTo(ref.oldestSlot());
      assertThat(packed.newestSlot()).isEqualTo(ref.newestSlot());
    }
    assertThat(packed.maskedSlots()).containsExactly(ref.maskedSlots());
    assertThat(packed.checked()).isEqualTo(ref.checked());
    assertThat(packed.diverging()).isEqualTo(ref.diverging());
    assertThat(packed.predictor()).isEqualTo(ref.predictor());
    // a random range, reaching before the first and after the last slot held
    long from = r.nextInt(t + 2) - 1;
    long to = from + r.nextInt(t + 3 - (int) from);
    for (boolean masked : new boolean[] {true, false}) {
      // deep equality of double[] compares bits: the same sums in the same order
      assertThat(packed.totals(from, to, masked)).isDeepEqualTo(ref.totals(from, to, masked));
    }
  }

  @Test
  void decimalOrderIsTheOrderOfTheStrings() {
    RandomGenerator r = Seeds.generator(3);
    int[] edges = {0, 1, 7, 9, 10, 11, 39, 355, 390, 999, 1000, 1001, Integer.MAX_VALUE, -1, -39};
    List<Integer> xs = new ArrayList<>();
    for (int e : edges) {
      xs.add(e);
    }
    for (int i = 0; i < 2_000; i++) {
      xs.add(i % 2 == 0 ? r.nextInt(1_000) : r.nextInt());
    }
    for (int a : xs) {
      for (int k = 0; k < 20; k++) {
        int b = xs.get(r.nextInt(xs.size()));
        assertThat(Integer.signum(CellState.decimalOrder(a, b)))
            .as("%d against %d", a, b)
            .isEqualTo(Integer.signum(Integer.toString(a).compareTo(Integer.toString(b))));
      }
    }
  }

  @Test
  void aSnapshotWithKeysOutOfOrderIsHeldAsTheMapsHeldIt() {
    // no snapshot written by the cell state has them, but one read from an older writer is held
    // as the boxed maps held it: sorted, a later duplicate replacing the earlier
    long[] keys = {Observation.key(9, 39), Observation.key(4, 7), Observation.key(9, 39)};
    double[] values = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3};
    CellSnapshot snap =
        new CellSnapshot(
            keys,
            values,
            new long[] {9, 2},
            new double[] {5, 5, 5, 5, 5, 6, 6, 6, 6, 6},
            new double[0],
            0,
            0,
            false,
            0,
            0,
            -1);
    IntegrityParams params = IntegrityParams.defaults();
    CellState packed = CellState.of(snap, params);
    TreeMapCellState ref = TreeMapCellState.of(snap, params);
    assertThat(packed.size()).isEqualTo(2);
    assertThat(packed.snapshot())
        .usingRecursiveComparison()
        .withComparatorForType(BITS, Double.class)
        .isEqualTo(ref.snapshot());
    assertThat(packed.totals(0, 12, false)[9]).containsExactly(3, 3, 3, 3, 3);
    assertThat(packed.totals(0, 12, true)[9]).containsExactly(5, 5, 5, 5, 5);
    assertThat(packed.maskedSlots()).containsExactly(2, 9);
    // the snapshot's arrays are the snapshot's: the state copied them
    packed.apply(List.of(new Observation(4, 7, 8, 8, 8, 8, 8)), List.of());
    assertThat(snap.values()[5]).isEqualTo(2);
  }
}
