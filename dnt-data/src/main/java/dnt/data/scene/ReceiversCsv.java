package dnt.data.scene;

import dnt.core.InvalidInputException;
import dnt.core.raytrace.Point3;
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

/** The receivers of {@code dnt raytrace}: CSV with the header {@code id,x,y,z} (local metres). */
public final class ReceiversCsv {
  /** The header. */
  public static final List<String> HEADER = List.of("id", "x", "y", "z");

  /**
   * A receiver.
   *
   * @param id its id
   * @param position where it is
   */
  public record Receiver(String id, Point3 position) {}

  private ReceiversCsv() {}

  /**
   * Reads the receivers.
   *
   * @param file the CSV file
   * @return them, in file order
   * @throws InvalidInputException naming the file, line and column at fault
   */
  public static List<Receiver> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("the receivers file " + file + " does not exist");
    }
    List<Receiver> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (Reader reader = Files.newBufferedReader(file);
        CSVParser parser =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
      if (!parser.getHeaderNames().equals(HEADER)) {
        throw new InvalidInputException(
            file
                + ": the header must be "
                + String.join(",", HEADER)
                + ", got "
                + String.join(",", parser.getHeaderNames()));
      }
      for (CSVRecord row : parser) {
        long line = row.getRecordNumber() + 1;
        if (row.size() != HEADER.size()) {
          throw new InvalidInputException(
              file + " line " + line + ": expected 4 fields, got " + row.size());
        }
        String id = row.get(0).strip();
        if (id.isEmpty() || !ids.add(id)) {
          throw new InvalidInputException(
              file + " line " + line + ": id '" + id + "' is empty or repeated");
        }
        double[] v = new double[3];
        for (int c = 1; c <= 3; c++) {
          try {
            v[c - 1] = Double.parseDouble(row.get(c).strip());
          } catch (NumberFormatException e) {
            throw new InvalidInputException(
                file
                    + " line "
                    + line
                    + " column "
                    + HEADER.get(c)
                    + ": '"
                    + row.get(c)
                    + "' is not a number",
                e);
          }
          if (!Double.isFinite(v[c - 1]) || Math.abs(v[c - 1]) > 100_000) {
            throw new InvalidInputException(
                file
                    + " line "
                    + line
                    + " column "
                    + HEADER.get(c)
                    + ": must be a finite number of metres within 100 km, got "
                    + row.get(c));
          }
        }
        out.add(new Receiver(id, new Point3(v[0], v[1], v[2])));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InvalidInputException(file + " cannot be read (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(file + " has no receivers");
    }
    return out;
  }
}
