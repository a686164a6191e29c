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
 * The telemetry a cell twin holds: one value vector per (slot, country code), the latest row seen
 * for that key; the integrity monitor of the cell's stream; and the masked slots, whose totals show
 * the prediction instead of the observation. Mutable, and touched only by its entity's thread;
 * {@link #snapshot()} copies it into the immutable form that the snapshot store serializes on
 * another thread.
 *
 * <p>The rows are held in primitive arrays, not boxed maps ({@link KeyedRows}): the {@link
 * Observation#key(long, int)} of every row in ascending order (slot, then country code), and the
 * row's five services at {@code 5 * i}. A row is found by binary search, so a row sent again
 * replaces the held one in place; a new key is appended when it is the newest (rows arrive in time
 * order), and otherwise inserted by shifting the rows after it (a late row: {@code O(n)} copying,
 * as cheap as a memory move). A row costs 48 bytes of arrays (plus the unused capacity, at most a
 * third) instead of a {@code TreeMap} entry, a boxed {@code Long} and a {@code double[5]}, 120
 * bytes in three objects that the collector had to trace; and a snapshot is two array copies. The
 * masked slots are kept the same way, keyed by slot ({@link #masks}).
 *
 * <p><b>Retention window</b> (docs/live.md, "The retention window"). With a finite {@code
 * retention} of {@code W} slots the state holds only the slots of its window: every slot from
 * {@link #heldFrom()} on, where {@code heldFrom} is the highest {@code newest - W + 1} the state
 * has reached (it never goes back, also when the window is widened later). After each {@link
 * #apply} the rows and masks of earlier slots are dropped, and a row of an earlier slot (a late
 * batch, a replay of an old day) is not held at all; such rows stay in the journal's events and the
 * read side, which answers the slots before the window. So the state is always: the latest row of
 * every key ever applied whose slot is at least {@code heldFrom}, and the latest verdict's mask of
 * every such slot; applying a {@link CellTwin.Flushed} at once gives the state its batches gave one
 * by one (the rows of a slot the later {@code heldFrom} drops are dropped either way), and recovery
 * from a snapshot (which holds {@code heldFrom}) and the later events gives the live twin's state.
 */
final class CellState {
  /** The rows held, keyed by {@link Observation#key(long, int)}: the five services of each. */
  private final KeyedRows rows = new KeyedRows();

  /** The masked slots, keyed by slot: the prediction shown for each. */
  private final KeyedRows masks = new KeyedRows();

  private final IntegrityMonitor integrity;
  private final IntegrityParams params;

  /** Slots the window holds ({@code W}); {@link #KEEP_ALL} holds every slot. */
  private final long retention;

  /**
   * The first slot of the window: every row of a slot from it on is held, earlier slots' rows and
   * masks were dropped; {@link CellSnapshot#ALL_HELD} while nothing was dropped.
   */
  private long heldFrom = CellSnapshot.ALL_HELD;

  /** A {@code retention} that holds every slot (no window). */
  static final long KEEP_ALL = Long.MAX_VALUE;

  /**
   * The newest ingest-log position applied, per log partition ({@link IngestLog}): a batch at or
   * below it is not applied again. Empty without the log.
   */
  private final TreeMap<Integer, Long> applied = new TreeMap<>();

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

  CellState(IntegrityParams params) {
    this(params, KEEP_ALL);
  }

  /**
   * An empty state.
   *
   * @param params the integrity check's parameters
   * @param retention slots the window holds (at least 1), {@link #KEEP_ALL} for every slot
   */
  CellState(IntegrityParams params, long retention) {
    if (retention < 1) {
      throw new IllegalArgumentException(
          "a retention window holds at least one slot: " + retention);
    }
    this.params = params;
    this.retention = retention;
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
      if (rows.find(k) >= 0 || !seen.add(k)) {
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
    long last = Observation.key(newest, 0);
    long[] keys = rows.keys;
    for (int i = rows.lowerBound(Observation.key(judgedBefore, 0));
        i < rows.end && keys[i] < last;
        i++) {
      after.computeIfAbsent(keys[i] >>> 32, k -> new HashMap<>()).put((int) keys[i], rows.row(i));
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
    if (slot < heldFrom) {
      // dropped from the window (a value cached before the drop would be stale)
      return 0;
    }
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
    long newest = rows.size() == 0 ? 0 : newestSlot();
    for (Observation o : batch) {
      newest = Math.max(newest, o.slot());
    }
    return newest;
  }

  /**
   * Applies an event: rows in order (a later row with the same key replaces the earlier one), then
   * the verdicts; then drops what left the retention window. A row of a slot before the window
   * after the batch is not held (the journal and the read side keep it).
   */
  void apply(List<Observation> batch, List<Verdict> verdicts) {
    if (params.enabled() && !batch.isEmpty()) {
      judgedBefore = Math.max(judgedBefore, newestAfter(batch));
    }
    long from = batch.isEmpty() ? heldFrom : windowFrom(newestAfter(batch));
    for (Observation o : batch) {
      if (o.slot() >= from) {
        put(o);
      }
      forget(o.slot());
    }
    for (Verdict v : verdicts) {
      forget(v.slot());
      integrity.apply(v);
      predictor = v.predictor();
      if (v.masked() && v.slot() >= from) {
        putMask(v.slot(), v.prediction());
      } else {
        removeMask(v.slot());
      }
    }
    holdFrom(from);
  }

  /** The first slot of the window once {@code newest} is the newest slot held. */
  private long windowFrom(long newest) {
    return retention == KEEP_ALL ? heldFrom : Math.max(heldFrom, newest - retention + 1);
  }

  /** Drops the rows and masks of the slots before {@code from}, if it is above the window's. */
  private void holdFrom(long from) {
    if (from > heldFrom) {
      heldFrom = from;
      rows.dropBefore(Observation.key(from, 0));
      masks.dropBefore(from);
    }
  }

  /**
   * The first slot of the retention window: every row of a slot from it on is held, the rows of
   * earlier slots were dropped (the read side answers them).
   *
   * @return the slot, {@link CellSnapshot#ALL_HELD} while nothing was dropped
   */
  long heldFrom() {
    return heldFrom;
  }

  private static double[] values(Observation o) {
    double[] v = new double[Observation.SERVICES];
    for (int s = 0; s < v.length; s++) {
      v[s] = o.value(s);
    }
    return v;
  }

  /** Holds a row, replacing the one with its key: in place, appended, or inserted. */
  private void put(Observation o) {
    int i = rows.slotFor(o.key());
    for (int s = 0; s < Observation.SERVICES; s++) {
      rows.values[i * Observation.SERVICES + s] = o.value(s);
    }
  }

  /** Masks a slot by a prediction (a copy of it), replacing the slot's earlier mask. */
  private void putMask(long slot, double[] prediction) {
    int m = masks.slotFor(slot);
    System.arraycopy(prediction, 0, masks.values, m * Observation.SERVICES, Observation.SERVICES);
  }

  /** Unmasks a slot, if masked. */
  private void removeMask(long slot) {
    masks.remove(slot);
  }

  private boolean hasData(long slot) {
    if (masks.find(slot) >= 0) {
      return true;
    }
    int i = rows.lowerBound(Observation.key(slot, 0));
    return i < rows.end && rows.keys[i] < Observation.key(slot + 1, 0);
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
    long end = Observation.key(toSlot, 0);
    long[] keys = rows.keys;
    int count = rows.end;
    int i = rows.lowerBound(Observation.key(fromSlot, 0));
    while (i < count && keys[i] < end) {
      long slot = keys[i] >>> 32;
      int j = i + 1;
      while (j < count && keys[j] < end && (keys[j] >>> 32) == slot) {
        j++;
      }
      addSlot(i, j, out[(int) (slot - fromSlot)]);
      i = j;
    }
    if (!masked) {
      return out;
    }
    for (int m = masks.lowerBound(fromSlot); m < masks.end && masks.keys[m] < toSlot; m++) {
      out[(int) (masks.keys[m] - fromSlot)] = masks.row(m);
    }
    return out;
  }

  /**
   * Adds one slot's rows {@code [from, to)} into its total in the order of the original Milan
   * files, the country codes' decimal spellings in string order ({@code 0, 33, 355, 39, 7}), which
   * is the order in which {@code dnt data ingest} adds the rows of such a file. Two rows add the
   * same in either order, so only three or more are sorted (by insertion: a slot has a handful).
   */
  private void addSlot(int from, int to, double[] total) {
    long[] keys = rows.keys;
    double[] values = rows.values;
    int n = to - from;
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      int row = from + k;
      int at = k;
      if (n > 2) {
        while (at > 0 && decimalOrder((int) keys[order[at - 1]], (int) keys[row]) > 0) {
          order[at] = order[at - 1];
          at--;
        }
      }
      order[at] = row;
    }
    for (int row : order) {
      for (int s = 0; s < total.length; s++) {
        total[s] += values[row * Observation.SERVICES + s];
      }
    }
  }

  /**
   * The order of two country codes' decimal spellings as strings, as {@code
   * Integer.toString(a).compareTo(Integer.toString(b))} orders them (same sign), without making the
   * strings: of two non-negative numbers with the same number of digits the smaller comes first;
   * otherwise the longer one's leading digits decide, and where they equal the shorter number it
   * comes first (a prefix precedes).
   */
  static int decimalOrder(int a, int b) {
    if (a < 0 || b < 0) {
      return Integer.toString(a).compareTo(Integer.toString(b));
    }
    int da = digits(a);
    int db = digits(b);
    if (da == db) {
      return Integer.compare(a, b);
    } else if (da < db) {
      int lead = b / POWERS_OF_TEN[db - da];
      return lead == a ? -1 : Integer.compare(a, lead);
    } else {
      int lead = a / POWERS_OF_TEN[da - db];
      return lead == b ? 1 : Integer.compare(lead, b);
    }
  }

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  /** The number of decimal digits of a non-negative number. */
  private static int digits(int a) {
    int d = 1;
    while (d < POWERS_OF_TEN.length && a >= POWERS_OF_TEN[d]) {
      d++;
    }
    return d;
  }

  /** The masked slots, ascending. */
  long[] maskedSlots() {
    return masks.keysCopy();
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
    return rows.keys[rows.end - 1] >>> 32;
  }

  /** The oldest slot held; only when {@link #size()} is positive. */
  long oldestSlot() {
    return rows.keys[rows.first] >>> 32;
  }

  /** Number of keys held. */
  int size() {
    return rows.size();
  }

  /**
   * The rows the arrays can hold without growing (held rows and dropped rows' room), for tests of
   * the heap a cell keeps.
   */
  int capacity() {
    return rows.capacity();
  }

  /**
   * The newest ingest-log position applied from a partition.
   *
   * @param partition the partition
   * @return the position, 0 for none
   */
  long applied(int partition) {
    return applied.getOrDefault(partition, 0L);
  }

  /**
   * Records positions as applied (a position never goes back).
   *
   * @param positions partition to position
   */
  void advance(Map<Integer, Long> positions) {
    positions.forEach((p, pos) -> applied.merge(p, pos, Math::max));
  }

  /**
   * The newest positions applied.
   *
   * @return partition to position, a copy
   */
  Map<Integer, Long> positions() {
    return new TreeMap<>(applied);
  }

  /**
   * Whether the state already holds everything up to these positions (the live twin applied the
   * rows of a {@link CellTwin.Flushed} before journaling it).
   *
   * @param positions partition to position
   * @return whether every partition's applied position is at least the given one
   */
  boolean covers(Map<Integer, Long> positions) {
    for (Map.Entry<Integer, Long> e : positions.entrySet()) {
      if (applied(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** An immutable copy for the snapshot store: copies of the arrays' used parts. */
  CellSnapshot snapshot() {
    return new CellSnapshot(
        rows.keysCopy(),
        rows.valuesCopy(),
        masks.keysCopy(),
        masks.valuesCopy(),
        integrity.windowValues(),
        integrity.outlierRun(),
        integrity.inlierRun(),
        integrity.diverging(),
        integrity.checked(),
        judgedBefore,
        predictor == null ? -1 : predictor.code(),
        CellSnapshot.pairs(applied),
        heldFrom);
  }

  /**
   * The state a snapshot holds. Its arrays are copied (the snapshot's stay untouched); keys that
   * are not strictly ascending, which no snapshot written by this class has, are held one by one as
   * {@link #apply} would hold them, a later duplicate replacing the earlier.
   */
  static CellState of(CellSnapshot snap, IntegrityParams params) {
    return of(snap, params, KEEP_ALL);
  }

  /**
   * The state a snapshot holds, in a retention window of {@code retention} slots: the snapshot's
   * window, narrowed to {@code retention} slots before its newest slot where it is wider (a
   * snapshot written before the window, or with a wider one). See {@link #of(CellSnapshot,
   * IntegrityParams)}.
   */
  static CellState of(CellSnapshot snap, IntegrityParams params, long retention) {
    CellState s = new CellState(params, retention);
    long[] k = snap.keys();
    if (ascending(k)) {
      s.rows.setAll(k, snap.values());
    } else {
      double[] v = snap.values();
      for (int i = 0; i < k.length; i++) {
        int at = i * Observation.SERVICES;
        s.put(
            new Observation(
                k[i] >>> 32, (int) k[i], v[at], v[at + 1], v[at + 2], v[at + 3], v[at + 4]));
      }
    }
    long[] m = snap.maskedSlots();
    for (int i = 0; i < m.length; i++) {
      s.putMask(
          m[i],
          Arrays.copyOfRange(
              snap.maskValues(), i * Observation.SERVICES, (i + 1) * Observation.SERVICES));
    }
    s.integrity.restore(
        snap.window(), snap.outlierRun(), snap.inlierRun(), snap.diverging(), snap.checked());
    s.judgedBefore = snap.judgedBefore();
    s.predictor = snap.predictor() < 0 ? null : Predictor.ofCode(snap.predictor());
    long[] pos = snap.positions();
    for (int i = 0; i + 1 < pos.length; i += 2) {
      s.applied.put(Math.toIntExact(pos[i]), pos[i + 1]);
    }
    s.heldFrom = snap.heldFrom();
    if (s.size() > 0) {
      s.holdFrom(s.windowFrom(s.newestSlot()));
    }
    return s;
  }

  private static boolean ascending(long[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i - 1] >= a[i]) {
        return false;
      }
    }
    return true;
  }
}
