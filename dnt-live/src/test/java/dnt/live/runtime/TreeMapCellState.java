package dnt.live.runtime;

import dnt.data.integrity.IntegrityMonitor;
import dnt.data.integrity.IntegrityParams;
import dnt.data.integrity.MaskPredict;
import dnt.data.integrity.Predictor;
import dnt.data.integrity.Verdict;
import dnt.learn.online.CellHistory;
import dnt.learn.online.CellModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The reference for {@link CellState}: its implementation before the rows moved into primitive
 * arrays, unchanged but for its name, holding every row as a boxed {@code TreeMap} entry and every
 * mask in another. {@link CellStateLayoutTest} compares the two over random row sequences.
 */
final class TreeMapCellState {
  private final NavigableMap<Long, double[]> rows = new TreeMap<>();
  private final NavigableMap<Long, double[]> masks = new TreeMap<>();
  private final IntegrityMonitor integrity;
  private final IntegrityParams params;

  /** Slots before this one have been judged (or had no prediction when their turn came). */
  private long judgedBefore;

  /** What predicted the newest judged slot, null before the first judgement. */
  private @Nullable Predictor predictor;

  /**
   * The internet activity each recent slot shows (masked where masked), for the forecaster's
   * inputs: a direct-mapped cache of {@link #CACHED_SLOTS} entries, slot {@code s} at {@code s mod
   * CACHED_SLOTS} when {@code shownSlot} there holds {@code s}. Every judged slot reads the day or
   * two before it, so without it each judgement summed those slots' rows again. Derived data: not
   * in the snapshot, allocated on the first forecast, and an entry is dropped whenever {@link
   * #apply} changes its slot's rows or mask, so it always equals {@link #totals}.
   */
  private long @Nullable [] shownSlot;

  private double @Nullable [] shownValue;

  /**
   * Entries of the cache (about three and a half days of slots, 8 kB a cell): more than the day or
   * two a forecast reads.
   */
  private static final int CACHED_SLOTS = 512;

  TreeMapCellState(IntegrityParams params) {
    this.params = params;
    this.integrity = new IntegrityMonitor(params);
  }

  /**
   * How many of {@code batch} would replace a row: keys already held, or repeated within the batch.
   */
  int replacements(Iterable<Observation> batch) {
    Set<Long> seen = new HashSet<>();
    int replaced = 0;
    for (Observation o : batch) {
      long k = o.key();
      if (rows.containsKey(k) || !seen.add(k)) {
        replaced++;
      }
    }
    return replaced;
  }

  /**
   * The integrity verdicts of a batch, in slot order, without changing the state, against the
   * seasonal-naive prediction.
   */
  List<Verdict> judge(List<Observation> batch) {
    return judge(batch, null);
  }

  /**
   * The integrity verdicts of a batch, in slot order, without changing the state. A slot is judged
   * once, when a later slot of the cell arrives (rows arrive in time order, so a slot is complete
   * by then), where the same slot a day earlier holds data. Its total after the batch is judged
   * against a prediction: with a model, the model's one-step forecast of the internet activity from
   * the slots before as the twin shows them (masked where masked; never below 0) and the other
   * services a day earlier ({@link Predictor#FORECASTER}); without one, the same slot a day earlier
   * as the twin shows it ({@link Predictor#SEASONAL_NAIVE}). A masked slot shows that prediction.
   * Rows arriving later for a judged slot change its telemetry but not its verdict.
   *
   * @param model the cell's forecasting model, or null
   */
  List<Verdict> judge(List<Observation> batch, @Nullable CellModel model) {
    if (!params.enabled() || batch.isEmpty()) {
      return List.of();
    }
    long newest = newestAfter(batch);
    // the rows of each slot to judge, by country code: held rows overlaid with the batch's
    NavigableMap<Long, Map<Integer, double[]>> after = new TreeMap<>();
    for (Map.Entry<Long, double[]> e :
        rows.subMap(Observation.key(judgedBefore, 0), true, Observation.key(newest, 0), false)
            .entrySet()) {
      after
          .computeIfAbsent(e.getKey() >>> 32, k -> new HashMap<>())
          .put((int) (long) e.getKey(), e.getValue());
    }
    for (Observation o : batch) {
      if (o.slot() >= judgedBefore && o.slot() < newest) {
        after.computeIfAbsent(o.slot(), k -> new HashMap<>()).put(o.countryCode(), values(o));
      }
    }
    IntegrityMonitor dry = integrity.copy();
    Map<Long, double[]> effectiveAfter = new HashMap<>();
    List<Verdict> verdicts = new ArrayList<>();
    for (Map.Entry<Long, Map<Integer, double[]>> e : after.entrySet()) {
      long slot = e.getKey();
      double[] total = new double[Observation.SERVICES];
      for (double[] v : e.getValue().values()) {
        for (int s = 0; s < total.length; s++) {
          total[s] += v[s];
        }
      }
      long earlier = MaskPredict.predictedFrom(slot);
      double[] prediction;
      if (effectiveAfter.containsKey(earlier)) {
        prediction = Objects.requireNonNull(effectiveAfter.get(earlier));
      } else if (hasData(earlier)) {
        prediction = effective(earlier);
      } else {
        effectiveAfter.put(slot, total);
        continue;
      }
      Predictor by = Predictor.SEASONAL_NAIVE;
      if (model != null) {
        double next = forecast(model, slot, effectiveAfter);
        if (Double.isFinite(next)) {
          prediction = prediction.clone();
          prediction[INTERNET] = Math.max(0, next);
          by = Predictor.FORECASTER;
        }
      }
      Verdict v = MaskPredict.judge(dry, slot, total, prediction, by);
      verdicts.add(v);
      effectiveAfter.put(slot, MaskPredict.shown(v, total));
    }
    return verdicts;
  }

  /**
   * The model's forecast of a slot, NaN if it cannot make one (a batch must never fail because a
   * forecast failed: the slot is then judged seasonal-naively).
   */
  private double forecast(CellModel model, long slot, Map<Long, double[]> pending) {
    try {
      return model.next(shownBefore(slot, model.history(), pending));
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The internet service's index in a slot's totals. */
  private static final int INTERNET = Observation.SERVICES - 1;

  /**
   * The cell's internet activity as the twin shows it, from a day boundary at least {@code history}
   * slots before {@code slot} up to the slot before it; the batch's judged slots as {@code pending}
   * shows them.
   */
  private CellHistory shownBefore(long slot, int history, Map<Long, double[]> pending) {
    long from =
        Math.floorDiv(slot - history, MaskPredict.SLOTS_PER_DAY) * MaskPredict.SLOTS_PER_DAY;
    double[] internet = new double[Math.toIntExact(slot - from)];
    for (int i = 0; i < internet.length; i++) {
      double[] p = pending.get(from + i);
      internet[i] = p != null ? p[INTERNET] : shownInternet(from + i);
    }
    return new CellHistory("integrity", 0, 0, from, internet, new BitSet());
  }

  /**
   * The internet activity a slot shows ({@code totals(slot, slot + 1, true)}), from the cache when
   * it holds the slot.
   */
  private double shownInternet(long slot) {
    long[] tags = shownSlot;
    double[] values = shownValue;
    if (tags == null || values == null) {
      tags = new long[CACHED_SLOTS];
      Arrays.fill(tags, Long.MIN_VALUE);
      values = new double[CACHED_SLOTS];
      shownSlot = tags;
      shownValue = values;
    }
    int i = (int) Math.floorMod(slot, (long) CACHED_SLOTS);
    if (tags[i] != slot) {
      values[i] = totals(slot, slot + 1, true)[0][INTERNET];
      tags[i] = slot;
    }
    return values[i];
  }

  /** Drops a slot from the cache of shown activity (its rows or its mask changed). */
  private void forget(long slot) {
    long[] tags = shownSlot;
    if (tags != null) {
      int i = (int) Math.floorMod(slot, (long) CACHED_SLOTS);
      if (tags[i] == slot) {
        tags[i] = Long.MIN_VALUE;
      }
    }
  }

  /** The newest slot held once {@code batch} is applied. */
  private long newestAfter(List<Observation> batch) {
    long newest = rows.isEmpty() ? 0 : rows.lastKey() >>> 32;
    for (Observation o : batch) {
      newest = Math.max(newest, o.slot());
    }
    return newest;
  }

  /** Applies an event: rows in order (a later row with the same key replaces the earlier one). */
  void apply(List<Observation> batch, List<Verdict> verdicts) {
    if (params.enabled() && !batch.isEmpty()) {
      judgedBefore = Math.max(judgedBefore, newestAfter(batch));
    }
    for (Observation o : batch) {
      rows.put(o.key(), values(o));
      forget(o.slot());
    }
    for (Verdict v : verdicts) {
      forget(v.slot());
      integrity.apply(v);
      predictor = v.predictor();
      if (v.masked()) {
        masks.put(v.slot(), v.prediction().clone());
      } else {
        masks.remove(v.slot());
      }
    }
  }

  private static double[] values(Observation o) {
    double[] v = new double[Observation.SERVICES];
    for (int s = 0; s < v.length; s++) {
      v[s] = o.value(s);
    }
    return v;
  }

  private boolean hasData(long slot) {
    return masks.containsKey(slot)
        || !rows.subMap(Observation.key(slot, 0), true, Observation.key(slot + 1, 0), false)
            .isEmpty();
  }

  private double[] effective(long slot) {
    return totals(slot, slot + 1, true)[0];
  }

  /**
   * Per-slot totals over country codes for slots {@code [fromSlot, toSlot)}.
   *
   * @param masked whether a masked slot shows the prediction that replaced it (the twin's state)
   *     instead of the observation
   * @return {@code totals[slot - fromSlot][service]}, 0 where nothing was observed
   */
  double[][] totals(long fromSlot, long toSlot, boolean masked) {
    double[][] out = new double[Math.toIntExact(toSlot - fromSlot)][Observation.SERVICES];
    List<Map.Entry<Long, double[]>> slot = new ArrayList<>();
    for (Map.Entry<Long, double[]> e :
        rows.subMap(Observation.key(fromSlot, 0), true, Observation.key(toSlot, 0), false)
            .entrySet()) {
      if (!slot.isEmpty() && (slot.get(0).getKey() >>> 32) != (e.getKey() >>> 32)) {
        addSlot(slot, out[(int) ((slot.get(0).getKey() >>> 32) - fromSlot)]);
      }
      slot.add(e);
    }
    if (!slot.isEmpty()) {
      addSlot(slot, out[(int) ((slot.get(0).getKey() >>> 32) - fromSlot)]);
    }
    if (!masked) {
      return out;
    }
    for (Map.Entry<Long, double[]> m : masks.subMap(fromSlot, true, toSlot, false).entrySet()) {
      out[(int) (m.getKey() - fromSlot)] = m.getValue().clone();
    }
    return out;
  }

  /**
   * Adds one slot's rows into its total in the order of the original Milan files, the country
   * codes' decimal spellings in string order ({@code 0, 33, 355, 39, 7}), which is the order in
   * which {@code dnt data ingest} adds the rows of such a file; clears the list. Two rows add the
   * same in either order, so only three or more are sorted.
   */
  private static void addSlot(List<Map.Entry<Long, double[]>> slot, double[] total) {
    if (slot.size() > 2) {
      slot.sort(Comparator.comparing(e -> Integer.toString((int) (long) e.getKey())));
    }
    for (Map.Entry<Long, double[]> e : slot) {
      double[] v = e.getValue();
      for (int s = 0; s < total.length; s++) {
        total[s] += v[s];
      }
    }
    slot.clear();
  }

  /** The masked slots, ascending. */
  long[] maskedSlots() {
    return masks.keySet().stream().mapToLong(Long::longValue).toArray();
  }

  /** What predicted the newest judged slot: a {@link Predictor#label()}, or "none". */
  String predictor() {
    Predictor p = predictor;
    return p == null ? "none" : p.label();
  }

  /** Whether the stream diverges now. */
  boolean diverging() {
    return integrity.diverging();
  }

  /** Observations checked so far. */
  long checked() {
    return integrity.checked();
  }

  /** The newest slot held; only when {@link #size()} is positive. */
  long newestSlot() {
    return rows.lastKey() >>> 32;
  }

  /** The oldest slot held; only when {@link #size()} is positive. */
  long oldestSlot() {
    return rows.firstKey() >>> 32;
  }

  /** Number of keys held. */
  int size() {
    return rows.size();
  }

  /** An immutable copy for the snapshot store. */
  CellSnapshot snapshot() {
    long[] keys = new long[rows.size()];
    double[] values = new double[rows.size() * Observation.SERVICES];
    int i = 0;
    for (Map.Entry<Long, double[]> e : rows.entrySet()) {
      keys[i] = e.getKey();
      System.arraycopy(e.getValue(), 0, values, i * Observation.SERVICES, Observation.SERVICES);
      i++;
    }
    long[] maskedSlots = maskedSlots();
    double[] maskValues = new double[maskedSlots.length * Observation.SERVICES];
    for (int m = 0; m < maskedSlots.length; m++) {
      System.arraycopy(
          masks.get(maskedSlots[m]), 0, maskValues, m * Observation.SERVICES, Observation.SERVICES);
    }
    return new CellSnapshot(
        keys,
        values,
        maskedSlots,
        maskValues,
        integrity.windowValues(),
        integrity.outlierRun(),
        integrity.inlierRun(),
        integrity.diverging(),
        integrity.checked(),
        judgedBefore,
        predictor == null ? -1 : predictor.code());
  }

  /** The state a snapshot holds. */
  static TreeMapCellState of(CellSnapshot snap, IntegrityParams params) {
    TreeMapCellState s = new TreeMapCellState(params);
    for (int i = 0; i < snap.keys().length; i++) {
      double[] v = new double[Observation.SERVICES];
      System.arraycopy(snap.values(), i * Observation.SERVICES, v, 0, v.length);
      s.rows.put(snap.keys()[i], v);
    }
    for (int m = 0; m < snap.maskedSlots().length; m++) {
      double[] v = new double[Observation.SERVICES];
      System.arraycopy(snap.maskValues(), m * Observation.SERVICES, v, 0, v.length);
      s.masks.put(snap.maskedSlots()[m], v);
    }
    s.integrity.restore(
        snap.window(), snap.outlierRun(), snap.inlierRun(), snap.diverging(), snap.checked());
    s.judgedBefore = snap.judgedBefore();
    s.predictor = snap.predictor() < 0 ? null : Predictor.ofCode(snap.predictor());
    return s;
  }
}
