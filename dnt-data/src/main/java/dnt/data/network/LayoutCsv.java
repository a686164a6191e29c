package dnt.data.network;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.radio.Receiver;
import dnt.core.radio.Transmitter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads the station and user layouts of {@code dnt twin sinr}: {@code id,x,y,height,tx_power_dbm}
 * and {@code id,x,y,height} (metres, dBm), and the station list of a user's own network, the same
 * columns plus the optional {@link #STATION_OPTIONAL} ones. Every malformed value, and every value
 * outside its {@link PhysicalLimits} range, is reported with its file, line and column.
 */
public final class LayoutCsv {
  /** The columns of a station layout, in order. */
  public static final List<String> STATION_HEADER =
      List.of("id", "x", "y", "height", "tx_power_dbm");

  /** The columns of a user layout, in order. */
  public static final List<String> USER_HEADER = List.of("id", "x", "y", "height");

  /**
   * The optional columns of an own network's station list: carrier frequency (GHz), bandwidth (MHz)
   * and capacity (Mbit/s); an empty field means "not known".
   */
  public static final List<String> STATION_OPTIONAL =
      List.of("carrier_ghz", "bandwidth_mhz", "capacity_mbps");

  /**
   * A station of an own network's list.
   *
   * @param line the line of the file it came from (1-based, the header is line 1)
   * @param station its id, position (metres), height (metres) and EIRP (dBm)
   * @param carrierGhz its carrier frequency, GHz, or null where not given
   * @param bandwidthMhz its bandwidth, MHz, or null where not given
   * @param capacityMbps its capacity, Mbit/s, or null where not given
   */
  public record StationRow(
      long line,
      Transmitter station,
      @Nullable Double carrierGhz,
      @Nullable Double bandwidthMhz,
      @Nullable Double capacityMbps) {}

  private LayoutCsv() {}

  /**
   * The stations of a {@code twin sinr} layout: exactly the {@link #STATION_HEADER} columns.
   *
   * @param file the CSV file
   * @return the stations in file order
   * @throws IOException if the file cannot be read
   * @throws InvalidInputException naming the file, line and column of a malformed value, a
   *     duplicate id, or a file without stations
   */
  public static List<Transmitter> stations(Path file) throws IOException {
    return read(file, List.of()).stream().map(StationRow::station).toList();
  }

  /**
   * The station list of an own network: the {@link #STATION_HEADER} columns and any of the {@link
   * #STATION_OPTIONAL} ones, in any order.
   *
   * @param file the CSV file
   * @return the stations in file order
   * @throws IOException if the file cannot be read
   * @throws InvalidInputException naming the file, line and column of a missing or unknown column,
   *     a malformed or out-of-range value, a duplicate id, or a file without stations
   */
  public static List<StationRow> stationRows(Path file) throws IOException {
    return read(file, STATION_OPTIONAL);
  }

  private static List<StationRow> read(Path file, List<String> optional) throws IOException {
    List<StationRow> out = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    read(
        file,
        STATION_HEADER,
        optional,
        (r, line) -> {
          int id = id(file, r, line);
          if (!ids.add(id)) {
            throw new InvalidInputException(
                file + " line " + line + ": station id " + id + " appears twice");
          }
          Position p = position(file, r, line);
          double h = height(file, r, line);
          double tx = number(file, r, line, "tx_power_dbm");
          out.add(
              new StationRow(
                  line,
                  new Transmitter(BaseStationId.of(id), p, h, tx),
                  optional(file, r, line, "carrier_ghz"),
                  optional(file, r, line, "bandwidth_mhz"),
                  optional(file, r, line, "capacity_mbps")));
        });
    if (out.isEmpty()) {
      throw new InvalidInputException(file + " has no stations");
    }
    return out;
  }

  /**
   * The users of a {@code twin sinr} layout: exactly the {@link #USER_HEADER} columns.
   *
   * @param file the CSV file
   * @return the users in file order
   * @throws IOException if the file cannot be read
   * @throws InvalidInputException naming the file, line and column of a malformed value or a
   *     duplicate id
   */
  public static List<Receiver> users(Path file) throws IOException {
    List<Receiver> out = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    read(
        file,
        USER_HEADER,
        List.of(),
        (r, line) -> {
          int id = id(file, r, line);
          if (!ids.add(id)) {
            throw new InvalidInputException(
                file + " line " + line + ": user id " + id + " appears twice");
          }
          out.add(new Receiver(UserId.of(id), position(file, r, line), height(file, r, line)));
        });
    return out;
  }

  private interface RowHandler {
    void accept(CSVRecord record, long line);
  }

  private static void read(
      Path file, List<String> header, List<String> optional, RowHandler handler)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + " does not exist or is not a file");
    }
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();
    try (Reader in = Files.newBufferedReader(file);
        CSVParser parser = CSVParser.parse(in, format)) {
      List<String> actual = parser.getHeaderNames();
      checkHeader(file, actual, header, optional);
      for (CSVRecord r : parser) {
        long line = parser.getCurrentLineNumber();
        if (r.size() != actual.size()) {
          throw new InvalidInputException(
              file
                  + " line "
                  + line
                  + ": expected "
                  + actual.size()
                  + " fields, found "
                  + r.size());
        }
        try {
          handler.accept(r, line);
        } catch (InvalidInputException e) {
          String message = e.getMessage();
          if (message != null && message.startsWith(file.toString())) {
            throw e;
          }
          // a value the domain rejects (out of its physical range): add the file and line
          throw new InvalidInputException(file + " line " + line + ": " + e.getMessage(), e);
        }
      }
    } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
      if (e instanceof InvalidInputException) {
        throw e;
      }
      throw new InvalidInputException(file + " is not valid CSV: " + e.getMessage(), e);
    }
  }

  /** Without optional columns the header must be exactly {@code header}; with them, a superset. */
  private static void checkHeader(
      Path file, List<String> actual, List<String> header, List<String> optional) {
    if (optional.isEmpty()) {
      if (!actual.equals(header)) {
        throw new InvalidInputException(
            file
                + " has header "
                + String.join(",", actual)
                + "; expected "
                + String.join(",", header));
      }
      return;
    }
    String expected =
        "; expected the columns "
            + String.join(",", header)
            + " and optionally "
            + String.join(",", optional);
    for (String name : actual) {
      if (!header.contains(name) && !optional.contains(name)) {
        throw new InvalidInputException(file + " line 1: unknown column '" + name + "'" + expected);
      }
    }
    for (String name : header) {
      if (!actual.contains(name)) {
        throw new InvalidInputException(
            file + " line 1: the column '" + name + "' is missing" + expected);
      }
    }
  }

  private static int id(Path file, CSVRecord r, long line) {
    String raw = r.get("id");
    try {
      int id = Integer.parseInt(raw);
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          file + " line " + line + ": id '" + raw + "' is not a non-negative integer", e);
    }
  }

  private static Position position(Path file, CSVRecord r, long line) {
    return new Position(number(file, r, line, "x"), number(file, r, line, "y"));
  }

  private static double height(Path file, CSVRecord r, long line) {
    double h = number(file, r, line, "height");
    if (!(h > 0)) {
      throw new InvalidInputException(
          file + " line " + line + ": height " + h + " must be positive");
    }
    return h;
  }

  /** An optional column's value: null where the column is absent or the field empty. */
  private static @Nullable Double optional(Path file, CSVRecord r, long line, String column) {
    if (!r.isMapped(column) || r.get(column).isEmpty()) {
      return null;
    }
    return number(file, r, line, column);
  }

  private static double number(Path file, CSVRecord r, long line, String column) {
    String raw = r.get(column);
    double v;
    try {
      v = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          file + " line " + line + ": " + column + " '" + raw + "' is not a number", e);
    }
    if (!Double.isFinite(v)) {
      throw new InvalidInputException(
          file + " line " + line + ": " + column + " is " + raw + "; it must be finite");
    }
    return v;
  }
}
