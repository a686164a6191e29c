package dnt.caching.io;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import dnt.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Client-station associations as CSV with the header {@code client,station}: one row per (client,
 * station) pair, a client's home station first, at most two stations per client.
 */
public final class AssociationCsv {
  /** The header line. */
  public static final String HEADER = "client,station";

  private AssociationCsv() {}

  /**
   * Reads an association file.
   *
   * @param file the CSV file
   * @return the topology
   * @throws IOException when the file cannot be read
   * @throws InvalidInputException naming the line of the first bad row
   */
  public static Topology read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads an association.
   *
   * @param reader the CSV text
   * @param source the name used in error messages
   * @return the topology
   * @throws IOException when reading fails
   * @throws InvalidInputException naming the line of the first bad row
   */
  public static Topology read(Reader reader, String source) throws IOException {
    BufferedReader in = reader instanceof BufferedReader br ? br : new BufferedReader(reader);
    CsvLines.header(in.readLine(), HEADER, source);
    Topology.Builder b = Topology.builder();
    long lineNo = 1;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        throw new InvalidInputException(source + " line " + lineNo + ": empty line");
      }
      String[] f = CsvLines.fields(line, 2, source, lineNo, HEADER);
      int client = CsvLines.nonNegativeInt(f[0], "client", source, lineNo);
      int station = CsvLines.nonNegativeInt(f[1], "station", source, lineNo);
      try {
        b.attach(client, station, 0);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(source + " line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    try {
      return b.build();
    } catch (InvalidInputException e) {
      throw new InvalidInputException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks that every client of a trace has a station.
   *
   * @param trace the trace
   * @param topology the association
   * @param traceSource the trace's name for error messages (rows are numbered from line 2)
   * @throws InvalidInputException naming the first trace line whose client has no station
   */
  public static void checkCovers(Trace trace, Topology topology, String traceSource) {
    for (int i = 0; i < trace.size(); i++) {
      if (topology.stationsOf(trace.clients()[i]).length == 0) {
        throw new InvalidInputException(
            traceSource
                + " line "
                + (i + 2)
                + ": client "
                + trace.clients()[i]
                + " has no station in the association");
      }
    }
  }

  /**
   * Writes the association of the given clients.
   *
   * @param topology the topology
   * @param clients the number of clients (0..clients-1)
   * @param file the CSV file
   * @throws IOException when writing fails
   */
  public static void write(Topology topology, int clients, Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(HEADER + "\n");
      for (int c = 0; c < clients; c++) {
        for (int s : topology.stationsOf(c)) {
          out.write(c + "," + s + "\n");
        }
      }
    }
  }
}
