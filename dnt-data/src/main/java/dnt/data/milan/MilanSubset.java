package dnt.data.milan;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled 25-cell internet subset (from the DGRN wireless-traffic-forecast repository): 4,320
 * ten-minute slots (30 days) x 25 cells, internet activity summed over country codes.
 *
 * <p><b>The file has no header and no timestamps; its cells and start are inferred</b> (see {@code
 * data/milan/SOURCES.md}): the 5 x 5 block of rows 41..45 and columns 41..45 counted from the
 * north-west (cell ids 5541..5545, ..., 5941..5945), in column-major order starting at the north:
 * columns are (5941, 5841, 5741, 5641, 5541), (5942, ...), ..., (5945, ..., 5545). The series is
 * taken to start on 2013-11-01 00:00 Europe/Rome ({@value #START_MILLIS} ms), which fits the low
 * holiday-and-weekend traffic of its first three days and the 05:20 trough / 18:50 peak of its
 * daily profile.
 */
public final class MilanSubset {
  /** Inferred start: 2013-11-01T00:00 Europe/Rome = 2013-10-31T23:00Z. */
  public static final long START_MILLIS = 1_383_260_400_000L;

  /** The slot length of the Milan data. */
  public static final Duration SLOT = Duration.ofMinutes(10);

  /** Number of cells in the subset. */
  public static final int CELLS = 25;

  /** Number of slots in the subset (30 days). */
  public static final int SLOTS = 4_320;

  private static final int SIDE = 5;
  private static final int FIRST_ROW_FROM_NORTH = 41;
  private static final int FIRST_COLUMN = 41;

  private MilanSubset() {}

  /**
   * The inferred cell ids of the subset's 25 columns, in file order.
   *
   * @return 25 cell ids
   */
  public static List<CellId> cells() {
    List<CellId> out = new ArrayList<>(CELLS);
    for (int col = 0; col < SIDE; col++) {
      for (int row = 0; row < SIDE; row++) {
        int rowFromSouth = CellId.GRID_SIDE - (FIRST_ROW_FROM_NORTH + row);
        int colFromWest = FIRST_COLUMN - 1 + col;
        out.add(CellId.of(rowFromSouth * CellId.GRID_SIDE + colFromWest + 1));
      }
    }
    return List.copyOf(out);
  }

  /**
   * Loads the subset from the bundled data folder.
   *
   * @return 25 cells x 4,320 slots x {internet}
   */
  public static TrafficDataset load() {
    return load(BundledData.dir());
  }

  /**
   * Loads the subset from a folder laid out like {@code data/milan}.
   *
   * @param dir the Milan data folder
   * @return 25 cells x 4,320 slots x {internet}
   */
  public static TrafficDataset load(Path dir) {
    Path file = dir.resolve(BundledData.SUBSET_SERIES);
    double[][] rows = readMatrix(file, CELLS);
    if (rows.length != SLOTS) {
      throw new InvalidInputException(
          file + " has " + rows.length + " rows; the subset has " + SLOTS + " ten-minute slots");
    }
    float[][][] values = new float[CELLS][SLOTS][1];
    for (int t = 0; t < SLOTS; t++) {
      for (int c = 0; c < CELLS; c++) {
        values[c][t][0] = (float) rows[t][c];
      }
    }
    return TrafficDataset.of(cells(), START_MILLIS, SLOT, List.of(Service.INTERNET), values);
  }

  /**
   * The subset's weighted, symmetric 25 x 25 neighbourhood matrix from the bundled folder.
   *
   * @return the matrix, in the order of {@link #cells()}
   */
  public static double[][] adjacency() {
    return adjacency(BundledData.dir());
  }

  /**
   * The subset's weighted neighbourhood matrix from a folder laid out like {@code data/milan}.
   *
   * @param dir the Milan data folder
   * @return the matrix, in the order of {@link #cells()}
   */
  public static double[][] adjacency(Path dir) {
    Path file = dir.resolve(BundledData.SUBSET_ADJACENCY);
    double[][] m = readMatrix(file, CELLS);
    if (m.length != CELLS) {
      throw new InvalidInputException(
          file
              + " has "
              + m.length
              + " rows; the adjacency matrix must be "
              + CELLS
              + " x "
              + CELLS);
    }
    return m;
  }

  /** Reads a header-less comma-separated matrix with a fixed number of columns. */
  static double[][] readMatrix(Path file, int columns) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("the file " + file + " does not exist");
    }
    List<double[]> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != columns) {
          throw new InvalidInputException(
              file + ":" + lineNo + ": expected " + columns + " values, found " + fields.length);
        }
        double[] row = new double[columns];
        for (int i = 0; i < columns; i++) {
          try {
            row[i] = Double.parseDouble(fields[i].strip());
          } catch (NumberFormatException e) {
            throw new InvalidInputException(
                file + ":" + lineNo + ": field " + (i + 1) + " '" + fields[i] + "' is not a number",
                e);
          }
          if (!Double.isFinite(row[i])) {
            throw new InvalidInputException(
                file + ":" + lineNo + ": field " + (i + 1) + " is not a finite number");
          }
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return rows.toArray(new double[0][]);
  }
}
