package dnt.learn.fl;

/**
 * Simulated transfer time of a message: {@code bytes / rate + latency}.
 *
 * @param latencySeconds the one-way latency of every message, at least 0
 */
public record LinkModel(double latencySeconds) {
  /** Checks the latency. */
  public LinkModel {
    if (!(latencySeconds >= 0) || Double.isInfinite(latencySeconds)) {
      throw new IllegalArgumentException("latency must be finite and >= 0");
    }
  }

  /**
   * Seconds to transfer a message.
   *
   * @param bytes the message size
   * @param bytesPerSecond the link rate
   * @return the transfer time
   */
  public double seconds(long bytes, double bytesPerSecond) {
    return bytes / bytesPerSecond + latencySeconds;
  }

  /**
   * Bytes of a model or update of d float32 parameters.
   *
   * @param d the parameter count
   * @return 4 d
   */
  public static long modelBytes(int d) {
    return 4L * d;
  }
}
