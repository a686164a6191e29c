package dnt.data.store;

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
 * Reads the CSV written by {@code dnt data export} back into a {@link TrafficDataset}: header
 * {@value #HEADER}, rows ordered by cell then time, every cell on the same evenly spaced times. An
 * export with a {@code .synthetic} sidecar (written by the export of a store holding synthetic
 * data) reads as a dataset labelled synthetic.
 */
public final class ExportCsv {
  /** The exact header of an export. */
  public static final String HEADER = "cell,time,smsin,smsout,callin,callout,internet";

  private ExportCsv() {}

  /**
   * Reads an export.
   *
   * @param file the CSV file
   * @return the dataset, with the five services and the file's step as slot length
   * @throws InvalidInputException naming file and line if the file is not such an export
   */
  public static TrafficDataset read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("the export file " + file + " does not exist");
    }
    List<CellId> cells = new ArrayList<>();
    List<float[][]> series = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    List<float[]> current = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.strip().equals(HEADER)) {
        throw new InvalidInputException(file + ":1: the header must be exactly " + HEADER);
      }
      int lineNo = 1;
      int cell = -1;
      int t = 0;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String where = file + ":" + lineNo + ": ";
        String[] f = line.split(",", -1);
        if (f.length != 7) {
          throw new InvalidInputException(where + "expected 7 fields, found " + f.length);
        }
        int c;
        long time;
        float[] v = new float[5];
        try {
          c = Integer.parseInt(f[0].strip());
          time = Long.parseLong(f[1].strip());
          for (int k = 0; k < 5; k++) {
            v[k] = Float.parseFloat(f[2 + k].strip());
          }
        } catch (NumberFormatException e) {
          throw new InvalidInputException(where + "a field is not a number: " + line, e);
        }
        if (c != cell) {
          if (cell >= 0) {
            if (c < cell) {
              throw new InvalidInputException(where + "rows must be ordered by cell");
            }
            finishCell(file, lineNo, times, current, series);
          }
          cells.add(wrap(where, c));
          cell = c;
          t = 0;
          current = new ArrayList<>();
        }
        if (series.isEmpty()) {
          times.add(time);
        } else if (t >= times.size() || times.get(t) != time) {
          throw new InvalidInputException(
              where + "cell " + c + " does not have the same times as cell " + cells.get(0));
        }
        current.add(v);
        t++;
      }
      if (cell < 0) {
        throw new InvalidInputException(file + " has no data rows");
      }
      finishCell(file, lineNo, times, current, series);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    long step = times.size() > 1 ? times.get(1) - times.get(0) : 600_000L;
    for (int i = 1; i < times.size(); i++) {
      if (times.get(i) - times.get(i - 1) != step || step <= 0) {
        throw new InvalidInputException(
            file
                + ": the times of cell "
                + cells.get(0)
                + " are not evenly spaced at row "
                + (i + 1));
      }
    }
    float[][][] values = series.toArray(new float[0][][]);
    return TrafficDataset.of(
            cells, times.get(0), Duration.ofMillis(step), List.of(Service.values()), values)
        .labelledSynthetic(TrafficStore.isSynthetic(file));
  }

  private static void finishCell(
      Path file, int lineNo, List<Long> times, List<float[]> current, List<float[][]> series) {
    if (current.size() != times.size()) {
      throw new InvalidInputException(
          file
              + ":"
              + lineNo
              + ": a cell has "
              + current.size()
              + " rows, the first has "
              + times.size());
    }
    series.add(current.toArray(new float[0][]));
  }

  private static CellId wrap(String where, int c) {
    try {
      return CellId.of(c);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where + e.getMessage(), e);
    }
  }
}
