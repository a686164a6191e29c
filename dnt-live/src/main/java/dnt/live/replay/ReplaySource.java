package dnt.live.replay;

import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.MilanSubset;
import dnt.data.raw.BadRows;
import dnt.data.raw.RawBatch;
import dnt.data.raw.RawFiles;
import dnt.data.raw.RawReader;
import dnt.data.raw.RawRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Where a replay's rows come from, slot by slot in ascending time. */
@FunctionalInterface
public interface ReplaySource {
  /**
   * The slots, in ascending time, each once.
   *
   * @return a fresh iterator
   */
  Iterator<SlotRows> slots();

  /**
   * The bundled 25-cell subset ({@link MilanSubset}): 4,320 slots from 2013-11-01.
   *
   * @return the source
   * @see #totals(TrafficDataset)
   */
  static ReplaySource bundledSubset() {
    return totals(MilanSubset.load());
  }

  /**
   * Per-cell series as telemetry: one row per (cell, slot), keyed under the reserved country code
   * {@link RawBatch#TOTAL_COUNTRY_CODE} (the series are already summed over country codes, as a row
   * of {@code dnt data export} is), services the dataset lacks as 0. Every (cell, slot) gets a row,
   * zero activity included. A dataset holds floats; each value is sent as the decimal {@link
   * Float#toString(float)} prints for it (the value a reader of the dataset sees), so the rows a
   * replay sends and the series read back agree digit for digit.
   *
   * @param dataset 10-minute series
   * @return the source
   * @throws InvalidInputException if the dataset's slots are not 10 minutes
   */
  static ReplaySource totals(TrafficDataset dataset) {
    if (dataset.slot().toMillis() != RawReader.SLOT_MILLIS) {
      throw new InvalidInputException(
          "a replay sends 10-minute slots; the dataset has slots of " + dataset.slot());
    }
    return () ->
        new Iterator<>() {
          private int t;

          @Override
          public boolean hasNext() {
            return t < dataset.length();
          }

          @Override
          public SlotRows next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            long time = dataset.timeOf(t);
            List<RawRow> rows = new ArrayList<>(dataset.cellCount());
            for (int c = 0; c < dataset.cellCount(); c++) {
              double[] v = new double[Service.values().length];
              for (Service s : dataset.services()) {
                v[s.ordinal()] = Double.parseDouble(Float.toString((float) dataset.value(c, t, s)));
              }
              rows.add(
                  new RawRow(
                      dataset.cells().get(c).value(),
                      time,
                      RawBatch.TOTAL_COUNTRY_CODE,
                      v[0],
                      v[1],
                      v[2],
                      v[3],
                      v[4]));
            }
            t++;
            return new SlotRows(time, rows);
          }
        };
  }

  /**
   * Raw Milan files (the original daily files, synthetic ones, or the CSV re-export; plain or
   * gzip), read with {@link RawReader}'s rules (a bad row stops the replay with {@code file:line}).
   * Files are read one at a time in the given order (folders expand to their data files by name),
   * each sorted by slot, so one file's rows are in memory at a time; the files must follow each
   * other in time (as daily files named by date do).
   *
   * @param paths files and folders
   * @return the source
   * @throws InvalidInputException if a path does not exist or a folder holds no data file
   */
  static ReplaySource rawFiles(List<Path> paths) {
    List<Path> files = RawFiles.expand(paths);
    return () ->
        new Iterator<>() {
          private int nextFile;
          private List<RawRow> rows = List.of();
          private int pos;
          private long lastSlot = Long.MIN_VALUE;

          @Override
          public boolean hasNext() {
            while (pos >= rows.size() && nextFile < files.size()) {
              Path file = files.get(nextFile++);
              List<RawRow> read = new ArrayList<>();
              RawReader.read(file, BadRows.fail(), read::add);
              read.sort(Comparator.comparingLong(RawRow::timeMillis)); // stable: file order kept
              if (!read.isEmpty() && read.get(0).timeMillis() <= lastSlot) {
                throw new InvalidInputException(
                    file
                        + " starts before the end of the file replayed before it; give the files"
                        + " in time order");
              }
              rows = read;
              pos = 0;
            }
            return pos < rows.size();
          }

          @Override
          public SlotRows next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            long slot = rows.get(pos).timeMillis();
            int end = pos;
            while (end < rows.size() && rows.get(end).timeMillis() == slot) {
              end++;
            }
            List<RawRow> out = rows.subList(pos, end);
            pos = end;
            lastSlot = slot;
            return new SlotRows(slot, out);
          }
        };
  }
}
