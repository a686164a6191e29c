package dnt.serve;

import static dnt.serve.DntServer.await;

import dnt.core.CellId;
import dnt.live.CellForecast;
import dnt.live.FederatedStatus;
import dnt.live.LiveTwin;
import io.javalin.http.Context;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The forecasting routes of {@code dnt serve}: a cell's next-hour forecast by its federated model,
 * and the federated training's status (V-twin, then H-twin; docs/live.md, "Forecasting online"). A
 * forecast asked for before a model exists is answered 409 with a message naming the training
 * progress.
 */
final class ForecastRoutes {
  private final DntServer server;
  private final LiveTwin twin;

  ForecastRoutes(DntServer server, LiveTwin twin) {
    this.server = server;
    this.twin = twin;
  }

  /**
   * A cell's forecast.
   *
   * @param cell the cell
   * @param origin the start of the first forecast slot, epoch ms UTC
   * @param stepMs the slot length, ms
   * @param internet internet activity per slot from the origin
   * @param model the forecaster's registry name
   * @param version the federated model's version
   */
  record ForecastView(
      int cell, long origin, long stepMs, double[] internet, String model, long version) {}

  /**
   * One FL client.
   *
   * @param cell the cell
   * @param cluster its cluster twin
   * @param updates H-twin updates applied
   * @param rejected H-twin updates rejected
   * @param staleness the staleness of its last applied update, null before the first
   */
  record ClientView(int cell, int cluster, long updates, long rejected, @Nullable Long staleness) {}

  /**
   * The federated training's status.
   *
   * @param phase waiting, vertical, horizontal or failed
   * @param round V-twin rounds done
   * @param rounds V-twin rounds in all
   * @param losses the V-twin's loss per round (mean squared error in z-score units)
   * @param clusters cluster twins
   * @param clients each client
   * @param updatesApplied H-twin updates applied
   * @param updatesRejected H-twin updates rejected by the server's validator
   * @param version the model's version
   * @param daysHeld complete days of telemetry held
   * @param minDays days needed before the V-twin starts
   * @param trainedThrough end of the newest day trained on, epoch ms UTC; null before the V-twin
   * @param model the forecaster's registry name
   * @param error why the V-twin failed, or null
   * @param roundTimeoutMillis how long a round waits for its clients, ms
   * @param traffic the newest rounds' and days' clients, drops and bytes per node
   */
  record FederatedView(
      String phase,
      int round,
      int rounds,
      List<Double> losses,
      int clusters,
      List<ClientView> clients,
      long updatesApplied,
      long updatesRejected,
      long version,
      int daysHeld,
      int minDays,
      @Nullable Long trainedThrough,
      String model,
      @Nullable String error,
      long roundTimeoutMillis,
      List<FederatedStatus.Round> traffic) {}

  void forecast(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read forecasts");
    CellId cell = DntServer.cellParam(ctx.pathParam("id"));
    CellForecast f = await(twin.forecast(cell), 404, "id: ");
    ctx.json(
        new ForecastView(
            f.cell().value(),
            f.originMillis(),
            f.stepMillis(),
            f.internet(),
            f.model(),
            f.version()));
  }

  void federated(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read the federated training status");
    FederatedStatus s = await(twin.federated(), 400, "");
    ctx.json(
        new FederatedView(
            s.phase(),
            s.round(),
            s.rounds(),
            s.losses(),
            s.clusters(),
            s.clients().stream()
                .map(
                    c ->
                        new ClientView(
                            c.cell(), c.cluster(), c.updates(), c.rejected(), c.staleness()))
                .toList(),
            s.updatesApplied(),
            s.updatesRejected(),
            s.version(),
            s.daysHeld(),
            s.minDays(),
            s.trainedThroughMillis() == 0 ? null : s.trainedThroughMillis(),
            s.model(),
            s.error(),
            s.roundTimeoutMillis(),
            s.traffic()));
  }
}
