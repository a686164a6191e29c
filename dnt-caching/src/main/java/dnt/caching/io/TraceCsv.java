package dnt.caching.io;

import dnt.caching.network.Trace;
import dnt.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Request traces as CSV with the header {@code time,client,item}: one request per row, rows in
 * non-decreasing time order, client and item non-negative integers, time a finite number.
 */
public final class TraceCsv {
  /** The header line. */
  public static final String HEADER = "time,client,item";

  private TraceCsv() {}

  /**
   * Reads a trace file.
   *
   * @param file the CSV file
   * @return the trace
   * @throws IOException when the file cannot be read
   * @throws InvalidInputException naming the line of the first malformed or out-of-order row
   */
  public static Trace read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads a trace.
   *
   * @param reader the CSV text
   * @param source the name used in error messages
   * @return the trace
   * @throws IOException when reading fails
   * @throws InvalidInputException naming the line of the first malformed or out-of-order row
   */
  public static Trace read(Reader reader, String source) throws IOException {
    BufferedReader in =
        reader instanceof BufferedReader br ? br : new BufferedReader(reader, 1 << 16);
    CsvLines.header(in.readLine(), HEADER, source);
    double[] times = new double[1024];
    int[] clients = new int[1024];
    int[] items = new int[1024];
    int n = 0;
    long lineNo = 1;
    double previous = Double.NEGATIVE_INFINITY;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        throw new InvalidInputException(source + " line " + lineNo + ": empty line");
      }
      String[] f = CsvLines.fields(line, 3, source, lineNo, HEADER);
      double t;
      try {
        t = Double.parseDouble(f[0].strip());
      } catch (NumberFormatException e) {
        t = Double.NaN;
      }
      if (!Double.isFinite(t)) {
        throw new InvalidInputException(
            source + " line " + lineNo + ": time '" + f[0].strip() + "' is not a finite number");
      }
      if (t < previous) {
        throw new InvalidInputException(
            source
                + " line "
                + lineNo
                + ": time "
                + f[0].strip()
                + " is earlier than the previous row's; the trace must be in time order");
      }
      previous = t;
      if (n == items.length) {
        times = Arrays.copyOf(times, n * 2);
        clients = Arrays.copyOf(clients, n * 2);
        items = Arrays.copyOf(items, n * 2);
      }
      times[n] = t;
      clients[n] = CsvLines.nonNegativeInt(f[1], "client", source, lineNo);
      items[n] = CsvLines.nonNegativeInt(f[2], "item", source, lineNo);
      n++;
    }
    return new Trace(Arrays.copyOf(times, n), Arrays.copyOf(clients, n), Arrays.copyOf(items, n));
  }

  /**
   * Writes a trace; integral times are written without a decimal point.
   *
   * @param trace the trace
   * @param file the CSV file
   * @throws IOException when writing fails
   */
  public static void write(Trace trace, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(trace, out);
    }
  }

  /**
   * Writes a trace.
   *
   * @param trace the trace
   * @param out the destination
   * @throws IOException when writing fails
   */
  public static void write(Trace trace, Writer out) throws IOException {
    out.write(HEADER);
    out.write('\n');
    StringBuilder sb = new StringBuilder(32);
    for (int i = 0; i < trace.size(); i++) {
      sb.setLength(0);
      double t = trace.times()[i];
      if (t == Math.rint(t) && Math.abs(t) < 1e15) {
        sb.append((long) t);
      } else {
        sb.append(t);
      }
      sb.append(',').append(trace.clients()[i]).append(',').append(trace.items()[i]).append('\n');
      out.append(sb);
    }
  }
}
