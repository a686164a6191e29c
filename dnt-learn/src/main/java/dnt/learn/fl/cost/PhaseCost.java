package dnt.learn.fl.cost;

/**
 * The communication of one phase of a method: bytes and messages on each hop and the summed
 * transfer time of its messages (each message: the sum over the hops it crosses of {@code bytes /
 * rate + latency}).
 *
 * @param accessBytes bytes over the stations' access hops, both directions
 * @param metroBytes bytes over the heads' metro hop, both directions (0 on a flat network)
 * @param accessMessages messages over the access hops
 * @param metroMessages messages over the metro hop
 * @param communicationSeconds the summed transfer time
 */
public record PhaseCost(
    double accessBytes,
    double metroBytes,
    double accessMessages,
    double metroMessages,
    double communicationSeconds) {
  /** Nothing sent. */
  public static final PhaseCost NONE = new PhaseCost(0, 0, 0, 0, 0);

  /**
   * Bytes over all hops (a message crossing two hops counts twice).
   *
   * @return the sum
   */
  public double bytes() {
    return accessBytes + metroBytes;
  }

  /**
   * The sum of two phases' communication.
   *
   * @param o the other
   * @return the sum
   */
  public PhaseCost plus(PhaseCost o) {
    return new PhaseCost(
        accessBytes + o.accessBytes,
        metroBytes + o.metroBytes,
        accessMessages + o.accessMessages,
        metroMessages + o.metroMessages,
        communicationSeconds + o.communicationSeconds);
  }
}
