package dnt.learn.fl;

import java.util.Objects;

/**
 * What one client sends the server in a round: its model change {@code delta = w_i - w_t} as one
 * flat vector, the weight FedAvg would give it (usually its number of training samples), and
 * whether it came from a fake client (known to the experiment, never to the server).
 *
 * @param clientId the client's name (a station id, or "fake-3")
 * @param delta the update, length d
 * @param weight a non-negative weight
 * @param fake true for an attacker's fake client
 */
public record ClientUpdate(String clientId, double[] delta, double weight, boolean fake) {
  /** Checks the fields. */
  public ClientUpdate {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(delta, "delta");
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight of " + clientId + " must be finite and >= 0");
    }
  }

  /**
   * A benign update.
   *
   * @param clientId the client
   * @param delta the update
   * @param weight its weight
   * @return the update
   */
  public static ClientUpdate benign(String clientId, double[] delta, double weight) {
    return new ClientUpdate(clientId, delta, weight, false);
  }
}
