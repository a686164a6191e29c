package dnt.live;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The running network twin, kept in sync by telemetry: the plain-Java face of the live runtime that
 * {@code dnt serve}, the CLI and tests call. Implementations run the twin on Apache Pekko (sharded,
 * event-sourced cell twins); nothing of Pekko shows here, so the HTTP layer and the cluster issue's
 * configuration never change this contract.
 *
 * <p>Telemetry is keyed by (cell, 10-minute slot, country code): a row sent again replaces the
 * earlier one, so a retried or replayed batch never double counts (exactly-once effect over
 * at-least-once delivery). A batch is acknowledged only once its events are durable.
 *
 * <p>Every asynchronous result fails with {@link dnt.core.InvalidInputException} for a caller's
 * mistake (a message that names the field at fault) and with another exception for a failure of the
 * twin itself.
 */
public interface LiveTwin extends AutoCloseable {

  /**
   * Applies a batch of telemetry atomically and durably.
   *
   * @param rows validated raw rows (the caller has rejected malformed input); may span many cells
   * @return completes with the receipt once every row's event is written to the journal; fails
   *     without applying anything if any row is refused (unknown cell, slot far in the future)
   */
  CompletionStage<IngestReceipt> ingest(List<RawRow> rows);

  /**
   * One cell's traffic, summed over country codes, for every slot (or hour) in {@code [from, to)},
   * 0 where no activity was observed; reflects every batch acknowledged before the call within the
   * cell twin's retention window (the slots of the last 14 days before the cell's newest slot by
   * default), and answers the slots before it from the read side ({@link #history}). The sums are
   * doubles in the order {@link CellTraffic} states, so the same rows give the same numbers as
   * {@code dnt data ingest} + {@code dnt data export}.
   *
   * @param cell the cell
   * @param fromMillis inclusive start, epoch ms UTC, aligned to the resolution
   * @param toMillis exclusive end, epoch ms UTC, aligned to the resolution
   * @param resolution 10-minute slots or hours
   * @return the cell's five services per step, in double precision
   */
  default CompletionStage<CellTraffic> traffic(
      CellId cell, long fromMillis, long toMillis, Resolution resolution) {
    return traffic(cell, fromMillis, toMillis, resolution, TrafficView.OBSERVED);
  }

  /**
   * Like {@link #traffic(CellId, long, long, Resolution)}, in a chosen view: the observations, or
   * the twin's state, where a slot the integrity check masked shows the prediction that replaced
   * it. A twin without integrity checks gives the same numbers in both views.
   *
   * @param cell the cell
   * @param fromMillis inclusive start, epoch ms UTC, aligned to the resolution
   * @param toMillis exclusive end, epoch ms UTC, aligned to the resolution
   * @param resolution 10-minute slots or hours
   * @param view observed or twin
   * @return the cell's five services per step, in double precision
   */
  CompletionStage<CellTraffic> traffic(
      CellId cell, long fromMillis, long toMillis, Resolution resolution, TrafficView view);

  /**
   * Like {@link #traffic}, answered from the read side: a DuckDB file in the state folder written
   * from the journal's events and rebuilt from the journal if lost. It lags the journal by about a
   * second (eventually consistent); {@link #traffic} reads the cell twins and reflects every
   * acknowledged batch. Added for history queries; a twin without a read side fails the stage with
   * {@link UnsupportedOperationException}.
   *
   * @param cell the cell
   * @param fromMillis inclusive start, epoch ms UTC, aligned to the resolution
   * @param toMillis exclusive end, epoch ms UTC, aligned to the resolution
   * @param resolution 10-minute slots or hours
   * @return the cell's five services per step, in double precision
   */
  default CompletionStage<CellTraffic> history(
      CellId cell, long fromMillis, long toMillis, Resolution resolution) {
    return history(cell, fromMillis, toMillis, resolution, TrafficView.OBSERVED);
  }

  /**
   * Like {@link #history(CellId, long, long, Resolution)}, in a chosen view (see {@link
   * #traffic(CellId, long, long, Resolution, TrafficView)}).
   *
   * @param cell the cell
   * @param fromMillis inclusive start, epoch ms UTC, aligned to the resolution
   * @param toMillis exclusive end, epoch ms UTC, aligned to the resolution
   * @param resolution 10-minute slots or hours
   * @param view observed or twin
   * @return the cell's five services per step, in double precision
   */
  default CompletionStage<CellTraffic> history(
      CellId cell, long fromMillis, long toMillis, Resolution resolution, TrafficView view) {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin has no read side"));
  }

  /**
   * The synchronization integrity of a cell's stream: whether it diverges from its prediction, and
   * the slots masked by the prediction in the {@link TrafficView#TWIN} view. Added for the
   * integrity check; a twin without one fails the stage with {@link UnsupportedOperationException}.
   *
   * @param cell the cell
   * @return the report
   */
  default CompletionStage<IntegrityReport> integrity(CellId cell) {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin checks no integrity"));
  }

  /**
   * The cells whose stream is flagged as diverging now (integrity alerts), without asking every
   * cell twin: the runtime keeps the set current as cell twins judge their streams. A cell whose
   * twin has not run since the start (cell twins recover when first used) shows from its next batch
   * or query on. Added for the alerts query; a twin without integrity checks fails the stage with
   * {@link UnsupportedOperationException}.
   *
   * @return the flagged cells, ascending
   */
  default CompletionStage<List<CellId>> alerts() {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin checks no integrity"));
  }

  /**
   * The cells of this twin and their shapes: the Milan grid, or the grid of the user's own network
   * ({@link LiveSettings#withNetwork}). Added for the own network; the default is Milan's.
   *
   * @return the grid
   */
  default dnt.data.network.CellGrid grid() {
    return LiveSettings.milanGrid();
  }

  /**
   * The projection from longitude/latitude (WGS84) to the radio twin's plane, whose metres station
   * and user positions (and what-if changes) use. Added for the station query; empty without a
   * radio twin.
   *
   * @return the projection
   */
  default java.util.Optional<dnt.core.geo.LocalProjection> radioProjection() {
    return java.util.Optional.empty();
  }

  /**
   * The radio twin's network KPIs now: observed traffic sets the demand of the users in each cell
   * and the twin propagates it incrementally. Added for the radio coupling; a twin without a radio
   * twin fails the stage with {@link UnsupportedOperationException}.
   *
   * @return the KPIs
   */
  default CompletionStage<dnt.core.twin.TwinKpis> radioKpis() {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin runs no radio twin"));
  }

  /**
   * A copy of the radio twin now (stations, users, loads, SINR), for inspection and what-if: the
   * live radio twin never changes through it. Added for the radio coupling; a twin without a radio
   * twin fails the stage with {@link UnsupportedOperationException}.
   *
   * @return the fork
   */
  default CompletionStage<dnt.core.twin.NetworkTwin> radioTwin() {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin runs no radio twin"));
  }

  /**
   * A cell's forecast of its next hour (6 slots of internet activity) by its federated model. Added
   * for online forecasting; a twin that does not forecast fails the stage with {@link
   * UnsupportedOperationException}.
   *
   * @param cell the cell
   * @return the forecast; fails with {@link ForecastNotReadyException} (naming the training
   *     progress) while no model exists for the cell, with {@link dnt.core.InvalidInputException}
   *     for a cell the twin does not know
   */
  default CompletionStage<CellForecast> forecast(CellId cell) {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin makes no forecasts"));
  }

  /**
   * Where the federated forecasters stand: phase, V-twin rounds and losses, clusters, clients with
   * their staleness, updates applied and rejected. Added for online forecasting; a twin that does
   * not forecast fails the stage with {@link UnsupportedOperationException}.
   *
   * @return the status
   */
  default CompletionStage<FederatedStatus> federated() {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin makes no forecasts"));
  }

  /**
   * The Pekko cluster this twin's node belongs to, as the node sees it now: members, the shards of
   * every entity type per node with their entities, where each singleton runs (docs/cluster.md).
   * Added for the cluster; a twin that runs on no cluster (the in-memory reference) fails the stage
   * with {@link UnsupportedOperationException}.
   *
   * @return the status
   */
  default CompletionStage<dnt.live.cluster.ClusterStatus> cluster() {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin runs on no cluster"));
  }

  /**
   * Every forecast cell's next-hour forecast and latest forecast error in one call, as aligned
   * arrays for a map layer ({@link ForecastLayer}): one entry per cell that has a model, ascending;
   * empty before the V-twin has trained. Added for the dashboard; a twin that does not forecast
   * fails the stage with {@link UnsupportedOperationException}.
   *
   * @return the layer
   */
  default CompletionStage<ForecastLayer> forecastLayer() {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin makes no forecasts"));
  }

  /**
   * Every cell's newest slot at once, for a map of the twin: one answer for all cells, without
   * asking each cell twin. A cell that holds no telemetry is left out. Added for the dashboard; a
   * twin that keeps no such board fails the stage with {@link UnsupportedOperationException}.
   *
   * @return the cells' newest slots, by ascending cell
   */
  default CompletionStage<List<CellLatest>> latest() {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this live twin keeps no board of newest values"));
  }

  /**
   * Registers a listener told every batch once it is acknowledged (durable), whichever way it came
   * (the HTTP API or a replay): the change stream of the dashboard. The listener runs on the twin's
   * thread that acknowledged the batch, so it must be quick and never block. The default never
   * tells anything (a twin that publishes no changes).
   *
   * @param listener the listener
   * @return closing it stops the notifications
   */
  default Subscription subscribe(java.util.function.Consumer<BatchApplied> listener) {
    return () -> {};
  }

  /**
   * What the twin is doing now.
   *
   * @return the status; {@link TwinStatus#ready()} once requests are accepted
   */
  TwinStatus status();

  /** Stops accepting batches, finishes the ones in flight, and shuts the runtime down. */
  @Override
  void close();
}
