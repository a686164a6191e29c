package dnt.learn.codec;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The uplink of one federated run: every client's update goes through the run's {@link
 * UpdateCodec}, and the server gets what the codec decodes. For a biased codec (sign, top-k) each
 * client keeps an error-feedback memory {@code e}: it sends {@code C(delta + e)} and keeps {@code e
 * = delta + e - C(delta + e)} for its next update (Stich et al. 2018; Karimireddy et al. 2019), so
 * nothing it computed is lost, only delayed. An unbiased codec (QSGD) needs no memory. Not
 * thread-safe: the federations send from one thread, in a seeded order.
 *
 * <p>An update holding a non-finite value is passed on unencoded, for the server's validator to
 * reject as it would without a codec.
 */
public final class UpdateChannel {
  private final UpdateCodec codec;
  private final int d;
  private final Map<String, double[]> memory = new HashMap<>();

  /**
   * A channel for updates of d parameters.
   *
   * @param codec the codec
   * @param d the parameter count, at least 1
   */
  public UpdateChannel(UpdateCodec codec, int d) {
    this.codec = Objects.requireNonNull(codec, "codec");
    if (d < 1) {
      throw new IllegalArgumentException("d must be at least 1, got " + d);
    }
    this.d = d;
  }

  /**
   * Bytes of one update on the wire.
   *
   * @return the codec's size for d parameters
   */
  public long bytes() {
    return codec.bytes(d);
  }

  /**
   * Sends one client's update.
   *
   * @param client the client's id (the key of its error-feedback memory)
   * @param update its update, length d
   * @param random the randomness of a stochastic codec
   * @return what the server receives
   */
  public double[] send(String client, double[] update, RandomGenerator random) {
    if (update.length != d) {
      throw new IllegalArgumentException(
          "update of " + client + " has " + update.length + " values, expected " + d);
    }
    if (codec.identity() || !finite(update)) {
      return update;
    }
    if (codec.unbiased()) {
      return codec.decode(codec.encode(update, random), d);
    }
    double[] e = memory.get(client);
    double[] p = update.clone();
    if (e != null) {
      for (int i = 0; i < d; i++) {
        p[i] += e[i];
      }
    }
    double[] received = codec.decode(codec.encode(p, random), d);
    for (int i = 0; i < d; i++) {
      p[i] -= received[i];
    }
    memory.put(client, p);
    return received;
  }

  /**
   * A client's error-feedback memory (what it computed and has not sent yet).
   *
   * @param client the client
   * @return a copy of its memory, zeros if it has none
   */
  public double[] memory(String client) {
    double[] e = memory.get(client);
    return e == null ? new double[d] : e.clone();
  }

  private static boolean finite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }
}
