package dnt.caching.network;

import dnt.core.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;

/**
 * Requests read in time order, batch by batch, so that a replay holds one batch and not the whole
 * trace. The number of requests is known before the first batch (a trace file's readers count it
 * when they open it), because the simulator's time series divides the trace into equal buckets.
 */
public interface RequestStream extends Closeable {
  /** Requests per batch that the simulator asks for. */
  int BATCH = 1 << 16;

  /**
   * The number of requests the stream gives in all.
   *
   * @return the size, non-negative
   */
  long size();

  /**
   * Reads the next requests.
   *
   * @param clients receives the clients, non-negative
   * @param items receives the items, non-negative; as long as {@code clients}
   * @return the number of requests read, 0 only at the end of the stream
   * @throws IOException when reading fails
   */
  int read(int[] clients, int[] items) throws IOException;

  /**
   * A stream over a trace held in memory.
   *
   * @param trace the trace
   * @return the stream
   */
  static RequestStream of(Trace trace) {
    return new RequestStream() {
      private int position;

      @Override
      public long size() {
        return trace.size();
      }

      @Override
      public int read(int[] clients, int[] items) {
        int k = Math.min(clients.length, trace.size() - position);
        System.arraycopy(trace.clients(), position, clients, 0, k);
        System.arraycopy(trace.items(), position, items, 0, k);
        position += k;
        return k;
      }

      @Override
      public void close() {}
    };
  }

  /**
   * Reads a whole stream into memory: request i at time i. Offline policies need this, because they
   * read the future.
   *
   * @param stream the stream, read to its end
   * @return the trace
   * @throws IOException when reading fails
   * @throws InvalidInputException when the stream has more requests than an array can hold
   */
  static Trace materialise(RequestStream stream) throws IOException {
    long size = stream.size();
    if (size > Integer.MAX_VALUE - 8) {
      throw new InvalidInputException(
          "the trace has " + size + " requests; at most " + (Integer.MAX_VALUE - 8) + " fit");
    }
    int n = (int) size;
    int[] clients = new int[n];
    int[] items = new int[n];
    int[] c = new int[BATCH];
    int[] it = new int[BATCH];
    int at = 0;
    for (int k = stream.read(c, it); k > 0; k = stream.read(c, it)) {
      if (at + k > n) {
        throw new IllegalStateException("the stream gave more requests than its size " + n);
      }
      System.arraycopy(c, 0, clients, at, k);
      System.arraycopy(it, 0, items, at, k);
      at += k;
    }
    if (at != n) {
      throw new IllegalStateException("the stream gave " + at + " requests, its size is " + n);
    }
    return Trace.sequential(clients, items);
  }
}
