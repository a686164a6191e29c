package dnt.data.scene;

import dnt.core.InvalidInputException;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.calibration.Measurement;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Measured points of one transmitter for {@code dnt raytrace calibrate}: CSV with the header {@code
 * x,y,z,rsrp_dbm} (local metres, received power in dBm).
 */
public final class MeasurementsCsv {
  /** The header. */
  public static final List<String> HEADER = List.of("x", "y", "z", "rsrp_dbm");

  private MeasurementsCsv() {}

  /**
   * Reads the points.
   *
   * @param file the CSV file
   * @return them, in file order
   * @throws InvalidInputException naming the file, line and column at fault
   */
  public static List<Measurement> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("the measurements file " + file + " does not exist");
    }
    List<Measurement> out = new ArrayList<>();
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
        double[] v = new double[4];
        for (int c = 0; c < 4; c++) {
          try {
            v[c] = Double.parseDouble(row.get(c).strip());
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
          double limit = c == 3 ? 300 : 100_000;
          if (!Double.isFinite(v[c]) || Math.abs(v[c]) > limit) {
            throw new InvalidInputException(
                file
                    + " line "
                    + line
                    + " column "
                    + HEADER.get(c)
                    + ": must be a finite number within "
                    + (c == 3 ? "300 dBm" : "100 km")
                    + ", got "
                    + row.get(c));
          }
        }
        out.add(new Measurement(new Point3(v[0], v[1], v[2]), v[3]));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InvalidInputException(file + " cannot be read (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(file + " has no measured points");
    }
    return out;
  }

  /**
   * Writes points (positions to the millimetre, powers to 1e-4 dB).
   *
   * @param points the points
   * @param file the CSV file to write
   * @throws IOException when it cannot be written
   */
  public static void write(List<Measurement> points, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write(String.join(",", HEADER));
      w.write('\n');
      for (Measurement m : points) {
        w.write(
            String.format(
                Locale.ROOT,
                "%.3f,%.3f,%.3f,%.4f%n",
                m.position().x(),
                m.position().y(),
                m.position().z(),
                m.rsrpDbm()));
      }
    }
  }
}
