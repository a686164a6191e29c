package dnt.caching.io;

import dnt.caching.network.RequestStream;
import dnt.caching.network.Trace;
import dnt.core.InvalidInputException;
import dnt.core.Registry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The trace file formats by name, one table on {@link Registry}: {@code csv} (dnt's {@code
 * time,client,item}, with clients), and the single-cache key formats {@code lirs} (one key per
 * line, alias {@code keys}), {@code arc} (the ARC traces' {@code start length ...} lines) and
 * {@code binary} ({@link BinaryKeys}). The key formats follow the Caffeine simulator's readers of
 * the same names (see docs/caching.md for what differs).
 */
public final class TraceFormats {
  /** Opens a trace file as keys. */
  @FunctionalInterface
  public interface Opener {
    /**
     * Opens a file.
     *
     * @param file the trace
     * @return its keys, counted and checked
     * @throws IOException when reading fails
     */
    KeyStream open(Path file) throws IOException;
  }

  /** Writes keys in a format. */
  @FunctionalInterface
  public interface KeyWriter {
    /**
     * Writes every key of a stream.
     *
     * @param keys the keys, read to the end, not closed
     * @param out the destination, not closed
     * @throws IOException when reading or writing fails
     */
    void write(KeyStream keys, OutputStream out) throws IOException;
  }

  /**
   * A registered format.
   *
   * @param clients whether its requests carry clients (only {@code csv}); the key formats are
   *     single-cache traces
   * @param opener reads it as keys ({@code csv}: its items, read into memory)
   * @param writer writes keys in it, or null when it cannot be written
   */
  public record Format(boolean clients, Opener opener, @Nullable KeyWriter writer) {}

  /** The formats. */
  public static final Registry<Format> FORMATS =
      Registry.<Format>of("trace format")
          .add(
              "csv",
              "time,client,item with a header, in time order (dnt's own; the only one with clients)",
              new Format(true, TraceFormats::csvKeys, TraceFormats::writeCsv))
          .add(
              "lirs",
              "one key per line, as in the LIRS traces (Caffeine simulator: lirs)",
              new Format(
                  false, f -> TextKeyStream.open(f, TextKeyStream.LIRS), TraceFormats::writeLirs))
          .alias("keys", "lirs")
          .add(
              "arc",
              "lines 'start length ...', keys start..start+length-1, as in the ARC traces (Caffeine"
                  + " simulator: arc); read only",
              new Format(false, f -> TextKeyStream.open(f, TextKeyStream.ARC), null))
          .add(
              "binary",
              "dnt's compact binary keys: magic DNTK, version, count, key range, varint or fixed"
                  + " keys",
              new Format(false, BinaryKeys::open, BinaryKeys::write))
          .build();

  private TraceFormats() {}

  /**
   * Looks a format up by name, in any letter case.
   *
   * @param name the name or alias
   * @return the format's entry
   * @throws InvalidInputException naming the known formats when there is none by that name
   */
  public static Registry.Entry<Format> named(String name) {
    return FORMATS.entry(name);
  }

  private static KeyStream csvKeys(Path file) throws IOException {
    Trace trace;
    try {
      trace = TraceCsv.read(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + " does not exist");
    }
    int[] items = trace.items();
    return new KeyStream() {
      private int position;

      @Override
      public long count() {
        return items.length;
      }

      @Override
      public long minKey() {
        int min = items.length == 0 ? 0 : Integer.MAX_VALUE;
        for (int v : items) {
          min = Math.min(min, v);
        }
        return min;
      }

      @Override
      public long maxKey() {
        int max = 0;
        for (int v : items) {
          max = Math.max(max, v);
        }
        return max;
      }

      @Override
      public int read(long[] keys) {
        int k = Math.min(keys.length, items.length - position);
        for (int i = 0; i < k; i++) {
          keys[i] = items[position + i];
        }
        position += k;
        return k;
      }

      @Override
      public void close() {}
    };
  }

  private static void writeLirs(KeyStream keys, OutputStream out) throws IOException {
    Writer w =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.ISO_8859_1), 1 << 16);
    long[] batch = new long[1 << 13];
    StringBuilder sb = new StringBuilder(1 << 16);
    for (int k = keys.read(batch); k > 0; k = keys.read(batch)) {
      sb.setLength(0);
      for (int i = 0; i < k; i++) {
        sb.append(batch[i]).append('\n');
      }
      w.append(sb);
    }
    w.flush();
  }

  /**
   * Writes keys as {@code time,client,item}: request i at time i from client 0, each key mapped to
   * an item as {@link KeyRequests} maps it (renumbered when some key is not a non-negative int).
   */
  private static void writeCsv(KeyStream keys, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    w.write(TraceCsv.HEADER);
    w.write('\n');
    RequestStream requests = KeyRequests.of(keys);
    int[] clients = new int[1 << 13];
    int[] items = new int[1 << 13];
    StringBuilder sb = new StringBuilder(1 << 16);
    long time = 0;
    for (int k = requests.read(clients, items); k > 0; k = requests.read(clients, items)) {
      sb.setLength(0);
      for (int i = 0; i < k; i++) {
        sb.append(time++).append(',').append(clients[i]).append(',').append(items[i]).append('\n');
      }
      w.append(sb);
    }
    w.flush();
  }
}
