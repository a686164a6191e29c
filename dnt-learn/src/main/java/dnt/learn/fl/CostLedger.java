package dnt.learn.fl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates the cost of a federated (or centralised) run per participant: measured CPU time of
 * training, bytes sent and received, and simulated transfer time from the {@link LinkModel}.
 * Thread-safe.
 */
public final class CostLedger {
  private final LinkModel link;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /**
   * Creates an empty ledger.
   *
   * @param link the transfer-time model
   */
  public CostLedger(LinkModel link) {
    this.link = link;
  }

  private static final class Entry {
    long cpuNanos;
    long bytesSent;
    long bytesReceived;
    double transferSeconds;
    int messages;
  }

  /**
   * Records training CPU time.
   *
   * @param who the participant ("server" or a station)
   * @param cpuNanos CPU nanoseconds
   */
  public synchronized void compute(String who, long cpuNanos) {
    entry(who).cpuNanos += cpuNanos;
  }

  /**
   * Records a message from {@code who} to the server (or the reverse, with {@code toServer} false)
   * over a link of the given rate, and returns its simulated transfer time.
   *
   * @param who the station
   * @param bytes the message size
   * @param bytesPerSecond the station's link rate
   * @param toServer true for an upload
   * @return the transfer seconds
   */
  public synchronized double transfer(
      String who, long bytes, double bytesPerSecond, boolean toServer) {
    double s = link.seconds(bytes, bytesPerSecond);
    Entry e = entry(who);
    if (toServer) {
      e.bytesSent += bytes;
    } else {
      e.bytesReceived += bytes;
    }
    e.transferSeconds += s;
    e.messages++;
    return s;
  }

  private Entry entry(String who) {
    return entries.computeIfAbsent(who, k -> new Entry());
  }

  /**
   * The totals so far.
   *
   * @return the summary
   */
  public synchronized CostSummary summary() {
    long cpu = 0;
    long sent = 0;
    long received = 0;
    double transfer = 0;
    int messages = 0;
    for (Entry e : entries.values()) {
      cpu += e.cpuNanos;
      sent += e.bytesSent;
      received += e.bytesReceived;
      transfer += e.transferSeconds;
      messages += e.messages;
    }
    return new CostSummary(cpu / 1e9, transfer, sent, received, messages, entries.size());
  }

  /**
   * Totals of a run.
   *
   * @param trainingSeconds measured CPU seconds of training, summed over participants
   * @param communicationSeconds simulated transfer seconds, summed over messages
   * @param bytesUp bytes sent to the server
   * @param bytesDown bytes sent by the server
   * @param messages messages exchanged
   * @param participants participants that trained or communicated
   */
  public record CostSummary(
      double trainingSeconds,
      double communicationSeconds,
      long bytesUp,
      long bytesDown,
      int messages,
      int participants) {
    /**
     * Training plus communication seconds (the cost in the paper's Fig. 3).
     *
     * @return the total
     */
    public double totalSeconds() {
      return trainingSeconds + communicationSeconds;
    }

    /**
     * Bytes in both directions.
     *
     * @return the total bytes
     */
    public long bytes() {
      return bytesUp + bytesDown;
    }

    /**
     * The sum of two phases' costs.
     *
     * @param o the other
     * @return the sum
     */
    public CostSummary plus(CostSummary o) {
      return new CostSummary(
          trainingSeconds + o.trainingSeconds,
          communicationSeconds + o.communicationSeconds,
          bytesUp + o.bytesUp,
          bytesDown + o.bytesDown,
          messages + o.messages,
          Math.max(participants, o.participants));
    }
  }
}
