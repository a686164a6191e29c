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
 * @param losses the V-twin's loss per round: the mean over the round's clients of their local
 *     training loss (mean squared error on their own windows, z-score units), reported by the
 *     clients with their trained models
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
 * @param roundTimeoutMillis how long a V-twin round or an H-twin day waits for its clients, ms
 * @param traffic the newest V-twin rounds' and H-twin days' traffic (at most 50), oldest first
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
    @Nullable String error,
    long roundTimeoutMillis,
    List<Round> traffic) {
  /** Copies the lists. */
  public FederatedStatus {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(model, "model");
    losses = List.copyOf(losses);
    clients = List.copyOf(clients);
    traffic = List.copyOf(traffic);
  }

  /**
   * A status without traffic (before the first round).
   *
   * @param phase the phase
   * @param round V-twin rounds done
   * @param rounds V-twin rounds in all
   * @param losses the loss per round
   * @param clusters cluster twins
   * @param clients the clients
   * @param updatesApplied H-twin updates applied
   * @param updatesRejected H-twin updates rejected
   * @param version the version
   * @param daysHeld complete days held
   * @param minDays days needed
   * @param trainedThroughMillis end of the newest day trained on
   * @param model the forecaster's registry name
   * @param error why the V-twin failed, or null
   */
  public FederatedStatus(
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
    this(
        phase,
        round,
        rounds,
        losses,
        clusters,
        clients,
        updatesApplied,
        updatesRejected,
        version,
        daysHeld,
        minDays,
        trainedThroughMillis,
        model,
        error,
        0,
        List.of());
  }

  /**
   * The model parameters a V-twin round or an H-twin day exchanged with one node's clients: the
   * serialized sizes of the messages in the cluster's binding (docs/cluster.md, "Federated training
   * across nodes").
   *
   * @param node the node's address ({@code unreached}: clients that never answered, node unknown)
   * @param clients its clients sent to
   * @param bytesSent bytes sent to them (the models going down)
   * @param bytesReceived bytes received from them (trained models or updates coming up)
   */
  public record NodeBytes(String node, int clients, long bytesSent, long bytesReceived) {}

  /**
   * One V-twin round or H-twin day.
   *
   * @param phase {@code vertical} or {@code horizontal}
   * @param round the V-twin round from 1, or the H-twin day's end (epoch ms)
   * @param sent clients sent to
   * @param received clients that answered in time
   * @param dropped cells dropped because they did not answer within the round timeout
   * @param nodes bytes per node
   */
  public record Round(
      String phase,
      long round,
      int sent,
      int received,
      List<Integer> dropped,
      List<NodeBytes> nodes) {
    /** Copies the lists. */
    public Round {
      dropped = List.copyOf(dropped);
      nodes = List.copyOf(nodes);
    }
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
