package dnt.cli.twin;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
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

/**
 * Reads the station and user layouts of {@code dnt twin sinr}: {@code id,x,y,height,tx_power_dbm}
 * and {@code id,x,y,height} (metres, dBm). Every malformed value, and every value outside its
 * {@link dnt.core.PhysicalLimits} range, is reported with its file, line and column.
 */
final class LayoutCsv {
  static final List<String> STATION_HEADER = List.of("id", "x", "y", "height", "tx_power_dbm");
  static final List<String> USER_HEADER = List.of("id", "x", "y", "height");

  private LayoutCsv() {}

  static List<Transmitter> stations(Path file) throws IOException {
    List<Transmitter> out = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    read(
        file,
        STATION_HEADER,
        (r, line) -> {
          int id = id(file, r, line);
          if (!ids.add(id)) {
            throw new InvalidInputException(
                file + " line " + line + ": station id " + id + " appears twice");
          }
          Position p = position(file, r, line);
          double h = height(file, r, line);
          double tx = number(file, r, line, "tx_power_dbm");
          out.add(new Transmitter(BaseStationId.of(id), p, h, tx));
        });
    if (out.isEmpty()) {
      throw new InvalidInputException(file + " has no stations");
    }
    return out;
  }

  static List<Receiver> users(Path file) throws IOException {
    List<Receiver> out = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    read(
        file,
        USER_HEADER,
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

  private static void read(Path file, List<String> header, RowHandler handler) throws IOException {
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
      if (!actual.equals(header)) {
        throw new InvalidInputException(
            file
                + " has header "
                + String.join(",", actual)
                + "; expected "
                + String.join(",", header));
      }
      for (CSVRecord r : parser) {
        long line = parser.getCurrentLineNumber();
        if (r.size() != header.size()) {
          throw new InvalidInputException(
              file
                  + " line "
                  + line
                  + ": expected "
                  + header.size()
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
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw new InvalidInputException(file + " is not valid CSV: " + e.getMessage(), e);
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
