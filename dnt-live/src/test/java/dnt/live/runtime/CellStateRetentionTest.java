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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The cell state's retention window (docs/live.md, "The retention window"): a state of window
 * {@code W} holds exactly the rows and masks of the reference state that holds everything ({@link
 * TreeMapCellState}) whose slot is at least {@code newest - W + 1}, in memory and in its snapshot;
 * its integrity verdicts and its totals within the window are those of the reference, bit for bit;
 * restoring from a snapshot (the sixth format, and the fifth of a state that dropped nothing) and
 * applying the later rows at once gives the state the live twin reached batch by batch; a row sent
 * again after its slot left the window changes nothing held.
 */
final class CellStateRetentionTest {
  private static final int S = MaskPredict.SLOTS_PER_DAY;

  /** Two days: the shortest window {@link CellRetention} accepts. */
  private static final long W = 2L * S;

  private static final int[] CODES = {39, 0, 33, 49, 355, 7};

  private static final Comparator<Double> BITS = Comparator.comparingLong(Double::doubleToLongBits);

  private final LiveSerializer serializer = new LiveSerializer();

  @Test
  void aCellFedFiveDaysKeepsExactlyTheLastTwoInMemoryAndInItsSnapshot() {
    IntegrityParams params = IntegrityParams.defaults();
    CellState s = new CellState(params, W);
    for (int t = 0; t < 5 * S; t++) {
      feed(s, t);
    }
    // newest slot 719: the window is slots 432..719, every one of them with its 3 rows
    assertThat(s.newestSlot()).isEqualTo(5L * S - 1);
    assertThat(s.heldFrom()).isEqualTo(3L * S);
    assertThat(s.oldestSlot()).isEqualTo(3L * S);
    assertThat(s.size()).isEqualTo(2 * S * 3);
    CellSnapshot snap = s.snapshot();
    long[] want = new long[2 * S * 3];
    for (int i = 0; i < want.length; i++) {
      want[i] = Observation.key(3L * S + i / 3, new int[] {0, 33, 39}[i % 3]);
    }
    assertThat(snap.keys()).containsExactly(want);
    assertThat(snap.heldFrom()).isEqualTo(3L * S);
    // the sixth format: 50 + 48 n + 48 m + 8 w bytes (no ingest-log positions)
    assertThat(serializer.toBinary(snap))
        .hasSize(50 + 48 * (want.length + snap.maskedSlots().length) + 8 * snap.window().length);
    assertThat(s.totals(3L * S - 1, 3L * S + 1, false)[0]).containsOnly(0.0);
    assertThat(s.totals(3L * S - 1, 3L * S + 1, false)[1][4]).isEqualTo(3 * 30.0);
    // memory does not grow with the days held: five more days, the same arrays
    int capacity = s.capacity();
    assertThat(capacity).isLessThanOrEqualTo(want.length + want.length / 2 + 16);
    for (int t = 5 * S; t < 10 * S; t++) {
      feed(s, t);
    }
    assertThat(s.size()).isEqualTo(2 * S * 3);
    assertThat(s.capacity()).isEqualTo(capacity);
    assertThat(s.oldestSlot()).isEqualTo(8L * S);
  }

  /** Slot {@code t}: codes 39, 0, 33 with internet 30 each (exact sums). */
  private static void feed(CellState s, long t) {
    List<Observation> batch =
        List.of(
            new Observation(t, 39, 1, 1, 1, 1, 30),
            new Observation(t, 0, 1, 1, 1, 1, 30),
            new Observation(t, 33, 1, 1, 1, 1, 30));
    s.apply(batch, s.judge(batch));
  }

  @Test
  void randomSequencesHoldTheReferencesWindowAndJudgeAsIt() {
    long[] masks = new long[2];
    for (long seed = 1; seed <= 4; seed++) {
      long[] m = compare(seed, null);
      masks[0] += m[0];
      masks[1] += m[1];
    }
    // the sequences exercised what they mean to: masks in the window and masks dropped with it
    assertThat(masks[0]).isPositive();
    assertThat(masks[1]).isPositive();
  }

  @Test
  void randomSequencesJudgedByAModelHoldTheReferencesWindowAndJudgeAsIt() {
    WindowSpec spec = new WindowSpec(6, 1, S, true, false, false);
    Mlp mlp = new Mlp(spec, 8, 1, 0.0);
    CellModel model =
        new CellModel(
            "7", mlp, Forecaster.initialise(mlp, 5).parameters(), new SeriesScaler(150, 60), 1);
    long[] masks = new long[2];
    for (long seed = 11; seed <= 12; seed++) {
      long[] m = compare(seed, model);
      masks[0] += m[0];
      masks[1] += m[1];
    }
    assertThat(masks[0] + masks[1]).isPositive();
  }

  /**
   * Five days of random batches (late rows up to 200 slots back, repeats, now and then a stretch
   * four times as high that the check masks) into a windowed state, the reference, and a third
   * state that gets the rows and verdicts of 1 to 12 batches at once (a {@link CellTwin.Flushed} on
   * recovery) and is restored now and then from its snapshot through the serializer.
   *
   * @return the masked slots the window holds at the end, and those it dropped
   */
  private long[] compare(long seed, @Nullable CellModel model) {
    RandomGenerator r = Seeds.generator(seed);
    IntegrityParams params = IntegrityParams.defaults();
    CellState windowed = new CellState(params, W);
    TreeMapCellState ref = new TreeMapCellState(params);
    CellState coalesced = new CellState(params, W);
    List<Observation> rows = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    int flushAt = 1;
    int masked = 0;
    int restores = 0;
    for (int t = 0; t < 5 * S; t++) {
      List<Observation> batch = batch(r, t);
      assertThat(windowed.replacements(batch)).isEqualTo(ref.replacements(batch));
      List<Verdict> v = windowed.judge(batch, model);
      assertThat(v)
          .usingRecursiveComparison()
          .withComparatorForType(BITS, Double.class)
          .isEqualTo(ref.judge(batch, model));
      masked += (int) v.stream().filter(Verdict::masked).count();
      windowed.apply(batch, v);
      ref.apply(batch, v);
      rows.addAll(batch);
      verdicts.addAll(v);
      assertWindowOf(windowed, ref, r);
      if (--flushAt == 0) {
        coalesced.apply(rows, verdicts);
        rows.clear();
        verdicts.clear();
        flushAt = 1 + r.nextInt(12);
        assertSameSnapshot(coalesced, windowed);
        if (r.nextInt(10) == 0) {
          CellSnapshot snap = coalesced.snapshot();
          coalesced =
              CellState.of(
                  (CellSnapshot)
                      serializer.fromBinary(serializer.toBinary(snap), serializer.manifest(snap)),
                  params,
                  W);
          restores++;
          assertSameSnapshot(coalesced, windowed);
        }
      }
    }
    assertThat(ref.oldestSlot()).isZero();
    assertThat(windowed.heldFrom()).isEqualTo(5L * S - W);
    assertThat(masked).isPositive();
    assertThat(restores).isPositive();
    long dropped = Arrays.stream(ref.maskedSlots()).filter(m -> m < windowed.heldFrom()).count();
    return new long[] {windowed.maskedSlots().length, dropped};
  }

  private static List<Observation> batch(RandomGenerator r, int t) {
    List<Observation> batch = new ArrayList<>();
    double level = 150 + 60 * Math.sin(2 * Math.PI * t / S) + r.nextGaussian();
    double factor = t % S >= 40 && t % S < 52 && t >= S ? 4 : 1;
    int n = 1 + r.nextInt(4);
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
    return new Observation(
        slot, code, r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble(), internet);
  }

  /**
   * The windowed state holds exactly the reference's rows and masks from its window on, and answers
   * totals as the reference there (0 before it).
   */
  private static void assertWindowOf(CellState windowed, TreeMapCellState ref, RandomGenerator r) {
    long newest = ref.newestSlot();
    long from = Math.max(0, newest - W + 1);
    assertThat(windowed.heldFrom()).isEqualTo(newest - W + 1);
    CellSnapshot all = ref.snapshot();
    CellSnapshot held = windowed.snapshot();
    int k = lowerBound(all.keys(), Observation.key(from, 0));
    assertThat(held.keys()).containsExactly(Arrays.copyOfRange(all.keys(), k, all.keys().length));
    assertThat(held.values())
        .containsExactly(
            Arrays.copyOfRange(all.values(), k * Observation.SERVICES, all.values().length));
    int m = lowerBound(all.maskedSlots(), from);
    assertThat(held.maskedSlots())
        .containsExactly(Arrays.copyOfRange(all.maskedSlots(), m, all.maskedSlots().length));
    assertThat(held.maskValues())
        .containsExactly(
            Arrays.copyOfRange(
                all.maskValues(), m * Observation.SERVICES, all.maskValues().length));
    assertThat(held.window()).containsExactly(all.window());
    assertThat(held.judgedBefore()).isEqualTo(all.judgedBefore());
    assertThat(windowed.checked()).isEqualTo(ref.checked());
    assertThat(windowed.diverging()).isEqualTo(ref.diverging());
    long a = from + r.nextInt((int) (newest - from + 2));
    long b = a + r.nextInt((int) (newest + 2 - a));
    for (boolean mask : new boolean[] {true, false}) {
      assertThat(windowed.totals(a, b, mask)).isDeepEqualTo(ref.totals(a, b, mask));
    }
    if (from > 0) {
      assertThat(windowed.totals(0, from, true)).isDeepEqualTo(new double[(int) from][5]);
    }
  }

  private static int lowerBound(long[] a, long key) {
    int i = Arrays.binarySearch(a, key);
    return i >= 0 ? i : -i - 1;
  }

  private static void assertSameSnapshot(CellState a, CellState b) {
    assertThat(a.snapshot())
        .usingRecursiveComparison()
        .withComparatorForType(BITS, Double.class)
        .isEqualTo(b.snapshot());
  }

  @Test
  void aRowSentAgainAfterItsSlotLeftTheWindowChangesNothingHeld() {
    IntegrityParams params = IntegrityParams.defaults();
    CellState s = new CellState(params, W);
    for (int t = 0; t < 3 * S; t++) {
      feed(s, t);
    }
    CellSnapshot before = s.snapshot();
    // slot 10 left the window (slots 144..431): the row is neither held nor counted as held
    List<Observation> late = List.of(new Observation(10, 39, 1, 1, 1, 1, 30));
    assertThat(s.replacements(late)).isZero();
    assertThat(s.judge(late)).isEmpty();
    s.apply(late, List.of());
    assertThat(s.snapshot()).usingRecursiveComparison().isEqualTo(before);
    assertThat(s.size()).isEqualTo(2 * S * 3);
    // a row of the window sent again replaces the held one: counted once, the count unchanged
    List<Observation> again = List.of(new Observation(3L * S - 1, 39, 2, 2, 2, 2, 60));
    assertThat(s.replacements(again)).isOne();
    s.apply(again, List.of());
    assertThat(s.size()).isEqualTo(2 * S * 3);
    assertThat(s.totals(3L * S - 1, 3L * S, false)[0][4]).isEqualTo(60 + 30 + 30.0);
  }

  @Test
  void aSnapshotOfTheFifthFormatIsNarrowedToTheWindowOnRecovery() {
    IntegrityParams params = IntegrityParams.defaults();
    CellState all = new CellState(params);
    CellState windowed = new CellState(params, W);
    for (int t = 0; t < 4 * S; t++) {
      feed(all, t);
      feed(windowed, t);
    }
    // the fifth format of a twin that held everything: the sixth's bytes without the window slot
    byte[] sixth = serializer.toBinary(all.snapshot());
    assertThat(all.snapshot().heldFrom()).isEqualTo(CellSnapshot.ALL_HELD);
    CellSnapshot whole = all.snapshot();
    int fields =
        (int)
            LiveSerializer.snapshotSize(
                whole.keys().length, whole.maskedSlots().length, whole.window().length);
    byte[] fifth =
        ByteBuffer.allocate(sixth.length - 8)
            .put(sixth, 0, fields)
            .put(sixth, fields + 8, sixth.length - fields - 8)
            .array();
    CellState recovered =
        CellState.of((CellSnapshot) serializer.fromBinary(fifth, "cell-snapshot-5"), params, W);
    assertSameSnapshot(recovered, windowed);
    for (int t = 4 * S; t < 5 * S; t++) {
      feed(recovered, t);
      feed(windowed, t);
    }
    assertSameSnapshot(recovered, windowed);
  }

  @Test
  void aWiderWindowLaterKeepsWhatTheNarrowOneDropped() {
    IntegrityParams params = IntegrityParams.defaults();
    CellState narrow = new CellState(params, W);
    for (int t = 0; t < 4 * S; t++) {
      feed(narrow, t);
    }
    // restarted with a window of three days: the third day back was dropped and stays so
    CellState wide = CellState.of(narrow.snapshot(), params, 3L * S);
    assertThat(wide.heldFrom()).isEqualTo(2L * S);
    List<Observation> late = List.of(new Observation(2L * S - 5, 39, 1, 1, 1, 1, 30));
    wide.apply(late, List.of());
    assertThat(wide.size()).isEqualTo(narrow.size());
    assertThat(wide.oldestSlot()).isEqualTo(2L * S);
    // and it widens as new slots come: a day on, it still holds from slot 288 (not 289 - 432)
    for (int t = 4 * S; t < 5 * S; t++) {
      feed(wide, t);
    }
    assertThat(wide.heldFrom()).isEqualTo(2L * S);
    assertThat(wide.size()).isEqualTo(3 * S * 3);
    // a masked verdict of a slot before the window is not held either
    wide.apply(
        List.of(),
        List.of(
            new Verdict(
                10, 1, 2, 9, true, true, new double[] {1, 2, 3, 4, 5}, Predictor.SEASONAL_NAIVE)));
    assertThat(wide.maskedSlots()).doesNotContain(10L);
  }
}
