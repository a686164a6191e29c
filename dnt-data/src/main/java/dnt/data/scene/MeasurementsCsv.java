package dnt.data.scene;

import dnt.core.InvalidInputException;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.calibration.Measurement;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
    return SceneCsv.read(
        file,
        "measurements",
        "measured points",
        HEADER,
        (row, line) -> {
          double[] v = new double[4];
          for (int c = 0; c < 4; c++) {
            v[c] = SceneCsv.number(file, HEADER, row, line, c);
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
          return new Measurement(new Point3(v[0], v[1], v[2]), v[3]);
        });
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
