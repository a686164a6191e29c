package dnt.live;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the live twin's federated forecasters stand (docs/live.md, "Forecasting online").
 *
 * @param phase {@code waiting} (fewer than {@code minDays} complete days held), {@code vertical}
 *     (the V-twin is training), {@code horizontal} (a model exists; H-twin updates follow new
 *     days), {@code failed} (the V-twin failed; {@code error} says why), or {@code off}
 * @param round V-twin rounds done
 * @param rounds V-twin rounds in all
 * @param losses the V-twin's loss per round: the mean over cells of their cluster model's mean
 *     squared error on their training windows, in z-score units
 * @param clusters cluster twins (0 before the V-twin)
 * @param clients each client (cell) with its cluster and H-twin updates
 * @param updatesApplied H-twin updates applied
 * @param updatesRejected H-twin updates the server's validator rejected (wrong size or not finite)
 * @param version the twinning's version, 0 before the V-twin
 * @param daysHeld complete days (UTC) of telemetry the twin holds
 * @param minDays days needed before the V-twin starts
 * @param trainedThroughMillis the end of the newest day trained on, epoch ms, 0 before the V-twin
 * @param model the forecaster's registry name
 * @param error why the V-twin failed, or null
 */
public record FederatedStatus(
    String phase,
    int round,
    int rounds,
    List<Double> losses,
    int clusters,
    List<Client> clients,
    long updatesApplied,
    long updatesRejected,
    long version,
    int daysHeld,
    int minDays,
    long trainedThroughMillis,
    String model,
    @Nullable String error) {
  /** Copies the lists. */
  public FederatedStatus {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(model, "model");
    losses = List.copyOf(losses);
    clients = List.copyOf(clients);
  }

  /**
   * One FL client.
   *
   * @param cell the cell number
   * @param cluster its cluster twin
   * @param updates its H-twin updates applied
   * @param rejected its H-twin updates rejected
   * @param staleness the staleness of its last applied update (versions of its cluster twin between
   *     dispatch and arrival), null before the first
   */
  public record Client(
      int cell, int cluster, long updates, long rejected, @Nullable Long staleness) {}
}
