package dnt.caching.network;

import java.util.Arrays;

/**
 * A request trace in time order, stored column-wise (three primitive arrays) so that replays of
 * tens of millions of requests stay compact.
 *
 * @param times request times, non-decreasing
 * @param clients requesting clients, non-negative
 * @param items requested items, non-negative
 */
public record Trace(double[] times, int[] clients, int[] items) {
  /** Checks the columns have one length. */
  public Trace {
    if (times.length != clients.length || clients.length != items.length) {
      throw new IllegalArgumentException(
          "trace columns differ in length: "
              + times.length
              + ", "
              + clients.length
              + ", "
              + items.length);
    }
  }

  /**
   * A trace whose request i happens at time i.
   *
   * @param clients the clients
   * @param items the items, as many as clients
   * @return the trace
   */
  public static Trace sequential(int[] clients, int[] items) {
    double[] t = new double[clients.length];
    Arrays.setAll(t, i -> i);
    return new Trace(t, clients, items);
  }

  /**
   * The number of requests.
   *
   * @return the size
   */
  public int size() {
    return items.length;
  }

  /**
   * Requests [from, to) as a new trace.
   *
   * @param from the first request
   * @param to one past the last request
   * @return the slice
   */
  public Trace slice(int from, int to) {
    return new Trace(
        Arrays.copyOfRange(times, from, to),
        Arrays.copyOfRange(clients, from, to),
        Arrays.copyOfRange(items, from, to));
  }

  /**
   * The largest client id plus one (0 for an empty trace).
   *
   * @return the client id bound
   */
  public int clientBound() {
    int max = -1;
    for (int c : clients) {
      max = Math.max(max, c);
    }
    return max + 1;
  }
}
