package dnt.live.memory;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.milan.MilanTime;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.BatchApplied;
import dnt.live.BatchListeners;
import dnt.live.CellLatest;
import dnt.live.CellTraffic;
import dnt.live.IngestReceipt;
import dnt.live.LiveTwin;
import dnt.live.Subscription;
import dnt.live.TrafficView;
import dnt.live.TwinStatus;
import java.time.Duration;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * The reference semantics of {@link LiveTwin}, in memory and without durability: what the Pekko
 * runtime must answer for the same calls (the HTTP tests run against both).
 *
 * <ul>
 *   <li><b>Keyed replacement.</b> A row is keyed by (cell, slot, country code); a row with a key
 *       seen before replaces the earlier row (counted in {@link IngestReceipt#replaced()}), so a
 *       batch sent twice leaves the twin as it was after the first.
 *   <li><b>Atomic refusal.</b> A batch with a row of a cell the twin does not know, or of a slot
 *       more than {@code maxAhead} after the twin's clock, or with a value that is negative or not
 *       finite, fails with {@link InvalidInputException} naming the first such row (its 1-based
 *       position in the batch, the cell or slot), and nothing of the batch is applied.
 *   <li><b>Traffic sums.</b> {@link #traffic} gives, for every step in {@code [from, to)}, each
 *       service summed over the country codes (and, by hour, over the hour's six slots) of the rows
 *       held, in double precision and in the order {@link CellTraffic} states, 0 where no row is
 *       held; an unknown cell fails with {@link InvalidInputException}, as do bounds not aligned to
 *       the resolution.
 *   <li><b>Status.</b> Ready from construction until {@link #close()}; {@code rowsAccepted} counts
 *       every acknowledged row, replacements included.
 * </ul>
 *
 * <p>Every call completes before it returns. Thread-safe (one lock).
 */
public final class InMemoryLiveTwin implements LiveTwin {
  /** How far after the twin's clock a slot may start by default. */
  public static final Duration DEFAULT_MAX_AHEAD = Duration.ofDays(1);

  private static final int SERVICES = Service.values().length;

  /** The order in which a slot's rows are added: see {@link CellTraffic}. */
  private static final Comparator<Integer> CODE_ORDER = Comparator.comparing(String::valueOf);

  private final BitSet known = new BitSet(CellId.MAX + 1);
  private final int cellCount;
  private final LongSupplier nowMillis;
  private final long maxAheadMillis;

  /** Cell -> slot start -> country code -> the five services. */
  private final Map<Integer, NavigableMap<Long, NavigableMap<Integer, double[]>>> rows =
      new HashMap<>();

  private final BatchListeners listeners = new BatchListeners();
  private long rowsAccepted;
  private boolean closed;

  /**
   * A twin of some cells.
   *
   * @param cells the cells it knows
   * @param nowMillis the twin's clock, epoch ms
   * @param maxAhead how far after the clock a slot may start
   */
  public InMemoryLiveTwin(Collection<CellId> cells, LongSupplier nowMillis, Duration maxAhead) {
    for (CellId c : cells) {
      known.set(c.value());
    }
    this.cellCount = known.cardinality();
    this.nowMillis = nowMillis;
    this.maxAheadMillis = maxAhead.toMillis();
  }

  /**
   * A twin of the whole Milan grid (cells 1..10000) on the system clock.
   *
   * @return the twin
   */
  public static InMemoryLiveTwin milanGrid() {
    List<CellId> all =
        java.util.stream.IntStream.rangeClosed(1, CellId.MAX).mapToObj(CellId::of).toList();
    return new InMemoryLiveTwin(all, System::currentTimeMillis, DEFAULT_MAX_AHEAD);
  }

  @Override
  public synchronized CompletionStage<IngestReceipt> ingest(List<RawRow> batch) {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the twin is closed"));
    }
    long latest = nowMillis.getAsLong() + maxAheadMillis;
    for (int i = 0; i < batch.size(); i++) {
      RawRow r = batch.get(i);
      if (!known.get(r.cell())) {
        return CompletableFuture.failedFuture(
            new InvalidInputException(
                "row "
                    + (i + 1)
                    + ": unknown cell "
                    + r.cell()
                    + " (the twin knows "
                    + cellCount
                    + " cells)"));
      }
      for (Service s : Service.values()) {
        double v = r.value(s);
        if (!Double.isFinite(v) || v < 0) {
          return CompletableFuture.failedFuture(
              new InvalidInputException(
                  "row "
                      + (i + 1)
                      + ": "
                      + s.column()
                      + " "
                      + v
                      + " is not a finite non-negative number"));
        }
      }
      if (r.timeMillis() > latest) {
        return CompletableFuture.failedFuture(
            new InvalidInputException(
                "row "
                    + (i + 1)
                    + ": the slot "
                    + MilanTime.format(r.timeMillis())
                    + " is more than "
                    + Duration.ofMillis(maxAheadMillis).toHours()
                    + " h after the twin's clock ("
                    + MilanTime.format(nowMillis.getAsLong())
                    + ")"));
      }
    }
    int replaced = 0;
    for (RawRow r : batch) {
      double[] v = {r.smsIn(), r.smsOut(), r.callIn(), r.callOut(), r.internet()};
      double[] before =
          rows.computeIfAbsent(r.cell(), c -> new TreeMap<>())
              .computeIfAbsent(r.timeMillis(), t -> new TreeMap<>(CODE_ORDER))
              .put(r.countryCode(), v);
      if (before != null) {
        replaced++;
      }
    }
    rowsAccepted += batch.size();
    listeners.publish(batch);
    return CompletableFuture.completedFuture(new IngestReceipt(batch.size(), replaced));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each cell's newest slot summed as {@link #traffic} sums it.
   */
  @Override
  public synchronized CompletionStage<List<CellLatest>> latest() {
    List<CellLatest> out = new java.util.ArrayList<>();
    for (Map.Entry<Integer, NavigableMap<Long, NavigableMap<Integer, double[]>>> e :
        new TreeMap<>(rows).entrySet()) {
      int cell = e.getKey();
      Map.Entry<Long, NavigableMap<Integer, double[]>> newest = e.getValue().lastEntry();
      if (newest == null) {
        continue;
      }
      double[] total = new double[SERVICES];
      for (double[] v : newest.getValue().values()) {
        for (int k = 0; k < SERVICES; k++) {
          total[k] += v[k];
        }
      }
      out.add(new CellLatest(CellId.of(cell), newest.getKey(), total));
    }
    return CompletableFuture.completedFuture(out);
  }

  @Override
  public Subscription subscribe(java.util.function.Consumer<BatchApplied> listener) {
    return listeners.add(listener);
  }

  /**
   * {@inheritDoc}
   *
   * <p>This twin checks no integrity, so both views give the observations.
   */
  @Override
  public synchronized CompletionStage<CellTraffic> traffic(
      CellId cell, long fromMillis, long toMillis, Resolution resolution, TrafficView view) {
    long step = resolution.step().toMillis();
    if (fromMillis < 0
        || Math.floorMod(fromMillis, step) != 0
        || Math.floorMod(toMillis, step) != 0
        || toMillis <= fromMillis) {
      return CompletableFuture.failedFuture(
          new InvalidInputException(
              "the range "
                  + MilanTime.format(fromMillis)
                  + " .. "
                  + MilanTime.format(toMillis)
                  + " is not a non-empty range of whole steps of "
                  + resolution.label()));
    }
    if (!known.get(cell.value())) {
      return CompletableFuture.failedFuture(
          new InvalidInputException("unknown cell " + cell.value()));
    }
    int steps = Math.toIntExact((toMillis - fromMillis) / step);
    double[][] series = new double[steps][];
    NavigableMap<Long, NavigableMap<Integer, double[]>> held =
        rows.getOrDefault(cell.value(), new TreeMap<>());
    for (int t = 0; t < steps; t++) {
      long from = fromMillis + t * step;
      double[] sum = new double[SERVICES];
      // each slot's rows in the country codes' string order into the slot's total, then the
      // totals in time order (the order of CellTraffic, that of ingest + export)
      for (NavigableMap<Integer, double[]> slot : held.subMap(from, from + step).values()) {
        double[] total = new double[SERVICES];
        for (double[] v : slot.values()) {
          for (int k = 0; k < SERVICES; k++) {
            total[k] += v[k];
          }
        }
        for (int k = 0; k < SERVICES; k++) {
          sum[k] += total[k];
        }
      }
      series[t] = sum;
    }
    return CompletableFuture.completedFuture(new CellTraffic(cell, fromMillis, resolution, series));
  }

  @Override
  public synchronized TwinStatus status() {
    return new TwinStatus(!closed, cellCount, rowsAccepted);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }
}
