package dnt.data.scene;

import dnt.core.InvalidInputException;
import dnt.core.raytrace.Point3;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    Set<String> ids = new HashSet<>();
    return SceneCsv.read(
        file,
        "receivers",
        "receivers",
        HEADER,
        (row, line) -> {
          String id = row.get(0).strip();
          if (id.isEmpty() || !ids.add(id)) {
            throw new InvalidInputException(
                file + " line " + line + ": id '" + id + "' is empty or repeated");
          }
          double[] v = new double[3];
          for (int c = 1; c <= 3; c++) {
            v[c - 1] = SceneCsv.number(file, HEADER, row, line, c);
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
          return new Receiver(id, new Point3(v[0], v[1], v[2]));
        });
  }
}
