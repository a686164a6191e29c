package dnt.learn.fl;

import java.util.Objects;

/**
 * What one client sends the server in a round: its model change {@code delta = w_i - w_t} as one
 * flat float32 vector (the models are float32, and so is what travels on the uplink), the weight
 * FedAvg would give it (usually its number of training samples), and whether it came from a fake
 * client (known to the experiment, never to the server).
 *
 * <p>Updates computed in double precision (the difference of two float models, an attacker's
 * crafted vector, a codec's decoding) enter through the {@code double[]} constructor and {@link
 * #benign(String, double[], double)}, which round each value to the nearest float; a value beyond
 * the float range becomes infinite, which the server's {@link UpdateValidator} rejects. The rules
 * read the floats and widen them to double exactly, so a rule's arithmetic sees the same numbers
 * whether it reads {@link #delta()} or {@link #deltaAsDouble()}.
 *
 * @param clientId the client's name (a station id, or "fake-3")
 * @param delta the update, length d
 * @param weight a non-negative weight
 * @param fake true for an attacker's fake client
 */
public record ClientUpdate(String clientId, float[] delta, double weight, boolean fake) {
  /** Checks the fields. */
  public ClientUpdate {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(delta, "delta");
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight of " + clientId + " must be finite and >= 0");
    }
  }

  /**
   * An update computed in double precision, rounded to float32 value by value.
   *
   * @param clientId the client's name
   * @param delta the update, length d (not kept)
   * @param weight a non-negative weight
   * @param fake true for an attacker's fake client
   */
  public ClientUpdate(String clientId, double[] delta, double weight, boolean fake) {
    this(clientId, toFloat(Objects.requireNonNull(delta, "delta")), weight, fake);
  }

  /**
   * A benign update.
   *
   * @param clientId the client
   * @param delta the update
   * @param weight its weight
   * @return the update
   */
  public static ClientUpdate benign(String clientId, float[] delta, double weight) {
    return new ClientUpdate(clientId, delta, weight, false);
  }

  /**
   * A benign update computed in double precision, rounded to float32.
   *
   * @param clientId the client
   * @param delta the update (not kept)
   * @param weight its weight
   * @return the update
   */
  public static ClientUpdate benign(String clientId, double[] delta, double weight) {
    return new ClientUpdate(clientId, delta, weight, false);
  }

  /**
   * The update widened to double (exact), as a new array.
   *
   * @return a copy of {@link #delta()} in double precision
   */
  public double[] deltaAsDouble() {
    double[] out = new double[delta.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = delta[j];
    }
    return out;
  }

  /**
   * The dimension d.
   *
   * @return the update's length
   */
  public int dimension() {
    return delta.length;
  }

  /**
   * Rounds each value to the nearest float.
   *
   * @param x the values
   * @return a new float array
   */
  public static float[] toFloat(double[] x) {
    float[] out = new float[x.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = (float) x[j];
    }
    return out;
  }
}
