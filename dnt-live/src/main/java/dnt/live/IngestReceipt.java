package dnt.live;

/**
 * The acknowledgement of a durable telemetry batch.
 *
 * @param accepted rows in the batch, all now durable
 * @param replaced how many of them replaced a row with the same (cell, slot, country code)
 */
public record IngestReceipt(int accepted, int replaced) {

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException for a negative count or more replaced than accepted
   */
  public IngestReceipt {
    if (accepted < 0 || replaced < 0 || replaced > accepted) {
      throw new IllegalArgumentException(
          "bad receipt: accepted " + accepted + ", replaced " + replaced);
    }
  }
}
