package dnt.learn.fl;

import java.util.Objects;

/**
 * What one client sends the server in a round: its model change {@code delta = w_i - w_t} as one
 * flat vector, the weight FedAvg would give it (usually its number of training samples), and
 * whether it came from a fake client (known to the experiment, never to the server).
 *
 * <p>The change is exact (see {@link UpdateVector}): a benign client's update is kept as its
 * trained float32 weights and a reference to the round's base ({@link #benign(String, float[],
 * float[], double)}), read as {@code (double) w_i[j] - w_t[j]}; an update computed in double (an
 * attacker's crafted vector, a codec's decoding) is kept as given. So every rule reads exactly the
 * doubles it would read from a {@code double[]} update, with float32 memory for benign updates.
 *
 * @param clientId the client's name (a station id, or "fake-3")
 * @param delta the update, length d
 * @param weight a non-negative weight
 * @param fake true for an attacker's fake client
 */
public record ClientUpdate(String clientId, UpdateVector delta, double weight, boolean fake) {
  /** Checks the fields. */
  public ClientUpdate {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(delta, "delta");
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight of " + clientId + " must be finite and >= 0");
    }
  }

  /**
   * An update given in double precision, kept as given.
   *
   * @param clientId the client's name
   * @param delta the update, length d (kept, not copied)
   * @param weight a non-negative weight
   * @param fake true for an attacker's fake client
   */
  public ClientUpdate(String clientId, double[] delta, double weight, boolean fake) {
    this(clientId, UpdateVector.of(delta), weight, fake);
  }

  /**
   * A benign update given in double precision.
   *
   * @param clientId the client
   * @param delta the update (kept, not copied)
   * @param weight its weight
   * @return the update
   */
  public static ClientUpdate benign(String clientId, double[] delta, double weight) {
    return new ClientUpdate(clientId, delta, weight, false);
  }

  /**
   * A benign update given as the client's trained float weights and the base it started from.
   *
   * @param clientId the client
   * @param weights its trained weights (kept, not copied)
   * @param base the round's base weights (kept, not copied)
   * @param weight its weight
   * @return the update {@code weights - base}
   */
  public static ClientUpdate benign(String clientId, float[] weights, float[] base, double weight) {
    return new ClientUpdate(clientId, UpdateVector.difference(weights, base), weight, false);
  }

  /**
   * A benign update in either representation.
   *
   * @param clientId the client
   * @param delta the update
   * @param weight its weight
   * @return the update
   */
  public static ClientUpdate benign(String clientId, UpdateVector delta, double weight) {
    return new ClientUpdate(clientId, delta, weight, false);
  }

  /**
   * The update as a new double array (exact: the values every rule reads).
   *
   * @return a copy of the update in double precision
   */
  public double[] deltaAsDouble() {
    return delta.toDouble();
  }

  /**
   * The dimension d.
   *
   * @return the update's length
   */
  public int dimension() {
    return delta.dimension();
  }
}
