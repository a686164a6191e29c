package dnt.live;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.geo.LocalProjection;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinKpis;
import dnt.data.Service;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.runtime.CellStartup;
import dnt.live.runtime.ForecastRuntime;
import dnt.live.runtime.HeldCells;
import dnt.live.runtime.Observation;
import dnt.live.runtime.TwinRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

/**
 * {@link LiveTwin} on the Pekko runtime: validates requests, fans a batch out to its cells' twins,
 * and gathers their acknowledgements. Holds no Pekko type itself ({@link TwinRuntime} does).
 */
final class PekkoLiveTwin implements LiveTwin {
  /** The longest traffic query, in 10-minute slots: a leap year. */
  static final long MAX_QUERY_SLOTS = 366L * 144;

  private static final Duration CLOSE_DRAIN = Duration.ofSeconds(60);

  private static final String FORECAST_OFF = "forecasting is off in this live twin";

  private final LiveSettings settings;
  private final TwinRuntime runtime;
  private final AtomicLong accepted;

  /**
   * Rows of this node's batches sent to the ingest log and not answered yet: the count refreshed
   * from the log partitions ({@link TwinRuntime#refreshCount}) holds such a batch once it is
   * journaled, and its answer adds it too, so the refresh leaves them out.
   */
  private final AtomicLong unanswered = new AtomicLong();

  private final Map<Long, CompletableFuture<IngestReceipt>> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong batches = new AtomicLong();
  private final BatchListeners listeners = new BatchListeners();
  private final Runnable onClosed;
  private boolean closed;

  private PekkoLiveTwin(
      LiveSettings settings, TwinRuntime runtime, long accepted, Runnable onClosed) {
    this.settings = settings;
    this.runtime = runtime;
    this.onClosed = onClosed;
    this.accepted = new AtomicLong(accepted);
  }

  static PekkoLiveTwin start(LiveSettings settings, TwinRuntime runtime, Runnable onClosed) {
    try {
      long counted =
          runtime
              .counted()
              .toCompletableFuture()
              .get(LiveTwins.ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      PekkoLiveTwin twin = new PekkoLiveTwin(settings, runtime, counted, onClosed);
      runtime.refreshCount(
          total -> twin.accepted.accumulateAndGet(total - twin.unanswered.get(), Math::max));
      return twin;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the live twin recovered", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the live twin could not recover its counters", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The batch is validated whole first (known cell, slot start aligned to 10 minutes, slot at
   * most {@link LiveSettings#maxAhead()} after the clock, non-negative country code, finite
   * non-negative activity); the first bad row fails it with an {@link InvalidInputException} that
   * names the row (1-based) and nothing is applied. With the ingest log (the default) the batch is
   * then one event of a log partition and the receipt comes once that event is journaled and every
   * touched cell has applied its rows in memory; without it each cell gets its rows as one event
   * and the receipt comes once every cell's event and the row count are journaled.
   *
   * <p>If the journal fails (or the ask times out), the returned stage fails; without the log, the
   * cells whose events were written keep them, the others do not. Retrying the whole batch is safe
   * either way: a row replaces the one with the same (cell, slot, country code), so the retried
   * rows end up exactly once.
   */
  @Override
  public CompletionStage<IngestReceipt> ingest(List<RawRow> rows) {
    Map<Integer, List<Observation>> byCell;
    try {
      byCell = validate(rows);
    } catch (InvalidInputException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<IngestReceipt> receipt;
    long id = batches.incrementAndGet();
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("the live twin is closed"));
      }
      if (rows.isEmpty()) {
        return CompletableFuture.completedFuture(new IngestReceipt(0, 0));
      }
      if (runtime.ingestLog().enabled()) {
        // counted as unanswered until after the answer has added the rows to the count
        unanswered.addAndGet(rows.size());
        receipt = logged(rows, byCell).whenComplete((r, e) -> unanswered.addAndGet(-rows.size()));
      } else {
        receipt = perCell(rows, byCell);
      }
      inFlight.put(id, receipt);
    }
    return receipt.whenComplete((r, e) -> inFlight.remove(id));
  }

  /** A batch as one event per touched cell twin, then the row count's event. */
  private CompletableFuture<IngestReceipt> perCell(
      List<RawRow> rows, Map<Integer, List<Observation>> byCell) {
    List<CompletableFuture<Integer>> replaced = new ArrayList<>(byCell.size());
    byCell.forEach(
        (cell, obs) ->
            replaced.add(
                runtime.observe(cell, obs).thenApply(a -> a.replaced()).toCompletableFuture()));
    return CompletableFuture.allOf(replaced.toArray(CompletableFuture[]::new))
        .thenCompose(v -> runtime.count(rows.size()))
        .thenApply(
            total -> {
              accepted.accumulateAndGet(total, Math::max);
              int r = replaced.stream().mapToInt(CompletableFuture::join).sum();
              listeners.publish(rows);
              return new IngestReceipt(rows.size(), r);
            })
        .toCompletableFuture();
  }

  /**
   * A batch through the ingest log: one event of a log partition, then every touched cell applies
   * its rows in memory before the receipt (docs/live.md, "The ingest log"); the count comes from
   * the log.
   */
  private CompletableFuture<IngestReceipt> logged(
      List<RawRow> rows, Map<Integer, List<Observation>> byCell) {
    return runtime
        .append(byCell)
        .thenApply(
            a -> {
              accepted.addAndGet(rows.size());
              listeners.publish(rows);
              return new IngestReceipt(rows.size(), a.replaced());
            })
        .toCompletableFuture();
  }

  private Map<Integer, List<Observation>> validate(List<RawRow> rows) {
    long latest = Instant.now(settings.clock()).plus(settings.maxAhead()).toEpochMilli();
    Map<Integer, List<Observation>> byCell = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      RawRow r = rows.get(i);
      String at = "telemetry row " + (i + 1) + " (cell " + r.cell() + ")";
      if (!settings.knownCells().contains(r.cell())) {
        throw new InvalidInputException(at + ": cell " + r.cell() + " is not a cell of this twin");
      }
      if (r.timeMillis() < 0 || r.timeMillis() % Observation.SLOT_MILLIS != 0) {
        throw new InvalidInputException(
            at + ": time " + r.timeMillis() + " is not the start of a 10-minute slot after 1970");
      }
      if (r.timeMillis() > latest) {
        throw new InvalidInputException(
            at
                + ": slot "
                + Instant.ofEpochMilli(r.timeMillis())
                + " is more than "
                + settings.maxAhead()
                + " in the future");
      }
      if (r.countryCode() < 0) {
        throw new InvalidInputException(at + ": country code " + r.countryCode() + " is negative");
      }
      for (Service s : Service.values()) {
        double v = r.value(s);
        if (!Double.isFinite(v) || v < 0) {
          throw new InvalidInputException(
              at + ": " + s.column() + " " + v + " is not a finite non-negative number");
        }
      }
      byCell
          .computeIfAbsent(r.cell(), c -> new ArrayList<>())
          .add(
              new Observation(
                  r.timeMillis() / Observation.SLOT_MILLIS,
                  r.countryCode(),
                  r.smsIn(),
                  r.smsOut(),
                  r.callIn(),
                  r.callOut(),
                  r.internet()));
    }
    return byCell;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Answered from the cell twin's state, so it reflects every batch acknowledged before the
   * call; the slots before the cell twin's retention window ({@code dnt-live.cell.retention}, 14
   * days before its newest slot by default) from the read side, which shows a row once its event is
   * journaled and read (docs/live.md, "The retention window").
   */
  @Override
  public CompletionStage<CellTraffic> traffic(
      CellId cell, long fromMillis, long toMillis, Resolution resolution, TrafficView view) {
    return query(cell, fromMillis, toMillis, resolution, view, runtime::totals);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Answered from the DuckDB read side in the state folder.
   */
  @Override
  public CompletionStage<CellTraffic> history(
      CellId cell, long fromMillis, long toMillis, Resolution resolution, TrafficView view) {
    return query(cell, fromMillis, toMillis, resolution, view, runtime::history);
  }

  /** Where per-slot totals come from: the cell twins or the read side. */
  private interface TotalsSource {
    CompletionStage<double[][]> totals(int cell, long fromSlot, long toSlot, boolean masked);
  }

  private CompletionStage<CellTraffic> query(
      CellId cell,
      long fromMillis,
      long toMillis,
      Resolution resolution,
      TrafficView view,
      TotalsSource source) {
    long step = resolution.step().toMillis();
    if (!settings.knownCells().contains(cell.value())) {
      return CompletableFuture.failedFuture(
          new InvalidInputException("cell " + cell + " is not a cell of this twin"));
    }
    if (fromMillis < 0 || fromMillis % step != 0 || toMillis % step != 0) {
      return CompletableFuture.failedFuture(
          new InvalidInputException(
              "from "
                  + fromMillis
                  + " and to "
                  + toMillis
                  + " must be non-negative multiples of the "
                  + resolution
                  + " step"));
    }
    if (toMillis < fromMillis) {
      return CompletableFuture.failedFuture(
          new InvalidInputException("to " + toMillis + " is before from " + fromMillis));
    }
    long fromSlot = fromMillis / Observation.SLOT_MILLIS;
    long toSlot = toMillis / Observation.SLOT_MILLIS;
    if (toSlot - fromSlot > MAX_QUERY_SLOTS) {
      return CompletableFuture.failedFuture(
          new InvalidInputException(
              "the range from " + fromMillis + " to " + toMillis + " is longer than 366 days"));
    }
    int per = resolution.slots();
    return source
        .totals(cell.value(), fromSlot, toSlot, view == TrafficView.TWIN)
        .thenApply(
            totals -> {
              int steps = totals.length / per;
              double[][] values = new double[steps][];
              for (int t = 0; t < steps; t++) {
                // an hour adds its six slot totals in time order, as DuckDB's sum in the export
                double[] sum = new double[Observation.SERVICES];
                for (int k = 0; k < per; k++) {
                  double[] slot = totals[t * per + k];
                  for (int s = 0; s < sum.length; s++) {
                    sum[s] += slot[s];
                  }
                }
                values[t] = sum;
              }
              return new CellTraffic(cell, fromMillis, resolution, values);
            });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Answered from the cell twin's state; the slots masked before its retention window from the
   * read side (docs/live.md, "The retention window").
   */
  @Override
  public CompletionStage<IntegrityReport> integrity(CellId cell) {
    if (!settings.knownCells().contains(cell.value())) {
      return CompletableFuture.failedFuture(
          new InvalidInputException("cell " + cell + " is not a cell of this twin"));
    }
    return runtime
        .integrity(cell.value())
        .thenCompose(
            st -> {
              // the slots masked before the cell twin's retention window: from the read side
              HeldCells.Span span = st.span();
              CompletionStage<long[]> before =
                  span == null
                      ? CompletableFuture.completedFuture(new long[0])
                      : runtime.maskedBefore(cell.value(), span.oldest());
              return before.thenApply(
                  old ->
                      new IntegrityReport(
                          cell,
                          st.diverging(),
                          st.checked(),
                          LongStream.concat(Arrays.stream(old), Arrays.stream(st.maskedSlots()))
                              .mapToObj(slot -> slot * Observation.SLOT_MILLIS)
                              .toList(),
                          st.predictor()));
            });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read from the alert sets the cell twins of every node of the cluster keep current
   * (docs/cluster.md, "Cluster-wide views"); fails with {@link
   * dnt.live.cluster.NodesUnavailableException} when a member does not answer.
   */
  @Override
  public CompletionStage<List<CellId>> alerts() {
    return runtime.alerts().thenApply(cells -> Arrays.stream(cells).mapToObj(CellId::of).toList());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Read from the boards the cell twins of every node of the cluster keep current: a cell whose
   * twin has not run since its node started (cell twins recover when first used) shows from its
   * next batch or query on. Fails with {@link dnt.live.cluster.NodesUnavailableException} when a
   * member does not answer.
   */
  @Override
  public CompletionStage<List<CellLatest>> latest() {
    return runtime
        .latest()
        .thenApply(
            entries ->
                entries.stream()
                    .map(
                        e ->
                            new CellLatest(
                                CellId.of(e.cell()),
                                e.slot() * Observation.SLOT_MILLIS,
                                e.totals()))
                    .toList());
  }

  /** Whether batches go through the ingest log, for the tests. */
  boolean ingestLog() {
    return runtime.ingestLog().enabled();
  }

  /**
   * The ingest log partitions of an earlier start beyond the configured count that have not drained
   * yet, for the tests.
   */
  java.util.List<Integer> drainingPartitions() {
    return runtime.drainingPartitions();
  }

  /** Makes this node's cluster view stop answering other nodes, for the tests of the error. */
  void silenceView() {
    runtime.silenceView();
  }

  /** The version of every cell's forecasting model on this node's board, for the tests. */
  java.util.Map<Integer, Long> modelVersions() {
    return runtime.modelVersions();
  }

  @Override
  public Subscription subscribe(java.util.function.Consumer<BatchApplied> listener) {
    return listeners.add(listener);
  }

  @Override
  public dnt.data.network.CellGrid grid() {
    return settings.grid();
  }

  @Override
  public Optional<LocalProjection> radioProjection() {
    return Optional.ofNullable(runtime.radioProjection());
  }

  @Override
  public CompletionStage<TwinKpis> radioKpis() {
    return runtime.radioKpis();
  }

  @Override
  public CompletionStage<NetworkTwin> radioTwin() {
    return runtime.radioFork();
  }

  @Override
  public CompletionStage<CellForecast> forecast(CellId cell) {
    if (!settings.knownCells().contains(cell.value())) {
      return CompletableFuture.failedFuture(
          new InvalidInputException("cell " + cell + " is not a cell of this twin"));
    }
    ForecastRuntime f = runtime.forecasting();
    if (f == null) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(FORECAST_OFF));
    }
    return f.forecast(cell.value(), ForecastSettings.STEPS)
        .handle(
            (r, e) -> {
              if (e != null) {
                throw notReady(e);
              }
              return new CellForecast(
                  cell,
                  r.originSlot() * Observation.SLOT_MILLIS,
                  Observation.SLOT_MILLIS,
                  r.internet(),
                  r.model(),
                  r.version(),
                  r.lastError());
            });
  }

  /** The forecasting runtime, for tests in this package; null when forecasting is off. */
  @org.jspecify.annotations.Nullable
  ForecastRuntime forecasting() {
    return runtime.forecasting();
  }

  private static RuntimeException notReady(Throwable e) {
    Throwable c =
        e instanceof java.util.concurrent.CompletionException && e.getCause() != null
            ? e.getCause()
            : e;
    if (c instanceof ForecastRuntime.NoModel) {
      return new ForecastNotReadyException(String.valueOf(c.getMessage()));
    }
    return c instanceof RuntimeException re
        ? new java.util.concurrent.CompletionException(re)
        : new java.util.concurrent.CompletionException(c);
  }

  @Override
  public CompletionStage<dnt.live.cluster.ClusterStatus> cluster() {
    return runtime.clusterStatus();
  }

  @Override
  public CompletionStage<FederatedStatus> federated() {
    ForecastRuntime f = runtime.forecasting();
    if (f == null) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(FORECAST_OFF));
    }
    String model = settings.forecast().architecture();
    return f.status()
        .thenApply(
            s ->
                new FederatedStatus(
                    s.phase(),
                    s.round(),
                    s.rounds(),
                    s.losses(),
                    s.clusters(),
                    s.clients().stream()
                        .map(
                            c ->
                                new FederatedStatus.Client(
                                    Integer.parseInt(c.cell()),
                                    c.cluster(),
                                    c.updates(),
                                    c.rejected(),
                                    c.lastStaleness() < 0 ? null : c.lastStaleness(),
                                    s.clientNodes().get(Integer.parseInt(c.cell()))))
                        .toList(),
                    s.applied(),
                    s.rejected(),
                    s.version(),
                    s.daysHeld(),
                    s.minDays(),
                    s.trainedThroughSlot() * Observation.SLOT_MILLIS,
                    model,
                    s.error(),
                    s.roundTimeoutMillis(),
                    s.traffic().stream()
                        .map(
                            r ->
                                new FederatedStatus.Round(
                                    r.phase(),
                                    r.phase().equals("vertical")
                                        ? r.round()
                                        : r.round() * Observation.SLOT_MILLIS,
                                    r.sent(),
                                    r.received(),
                                    r.dropped(),
                                    r.nodes().stream()
                                        .map(
                                            n ->
                                                new FederatedStatus.NodeBytes(
                                                    n.node(),
                                                    n.clients(),
                                                    n.bytesSent(),
                                                    n.bytesReceived()))
                                        .toList()))
                        .toList()));
  }

  @Override
  public CompletionStage<ForecastLayer> forecastLayer() {
    ForecastRuntime f = runtime.forecasting();
    if (f == null) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(FORECAST_OFF));
    }
    String model = settings.forecast().architecture();
    return f.forecastAll(ForecastSettings.STEPS)
        .thenApply(
            all -> {
              List<ForecastRuntime.Forecast> sorted =
                  all.stream()
                      .sorted(java.util.Comparator.comparingInt(ForecastRuntime.Forecast::cell))
                      .toList();
              int n = sorted.size();
              int[] cells = new int[n];
              long[] origins = new long[n];
              double[] next = new double[n];
              double[] error = new double[n];
              double[] zError = new double[n];
              long version = 0;
              for (int i = 0; i < n; i++) {
                ForecastRuntime.Forecast x = sorted.get(i);
                cells[i] = x.cell();
                origins[i] = x.originSlot() * Observation.SLOT_MILLIS;
                double sum = 0;
                for (double v : x.internet()) {
                  sum += v;
                }
                next[i] = sum;
                error[i] = x.lastError();
                zError[i] = x.lastZError();
                version = Math.max(version, x.version());
              }
              return new ForecastLayer(cells, origins, next, error, zError, version, model);
            });
  }

  @Override
  public TwinStatus status() {
    boolean ready;
    synchronized (this) {
      ready = !closed;
    }
    CellStartup startup = runtime.cellStartup();
    return new TwinStatus(
        ready, settings.knownCells().size(), accepted.get(), startup.toStart(), startup.started());
  }

  /**
   * Refuses new batches, waits (up to a minute) for the batches in flight to be acknowledged or
   * fail, then runs Pekko's coordinated shutdown. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      CompletableFuture.allOf(inFlight.values().toArray(CompletableFuture[]::new))
          .exceptionally(e -> null)
          .get(CLOSE_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // drained as far as possible; shut down anyway
    }
    try {
      runtime.close();
    } finally {
      onClosed.run();
    }
  }
}
