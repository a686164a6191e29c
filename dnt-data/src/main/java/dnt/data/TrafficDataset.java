package dnt.data;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable cube of traffic activity: cells x time slots x services, stored as {@code float}.
 *
 * <p>Slot {@code t} starts at {@code startMillis + t * slot} (epoch milliseconds UTC). Absent
 * activity is 0, never missing (see ARCHITECTURE.md, "Data conventions"). Every derived view
 * ({@link #select}, {@link #resample}, {@link #slice}, {@link #selectCells}) is a new dataset; the
 * receiver never changes.
 */
public final class TrafficDataset {
  private final List<CellId> cells;
  private final Map<CellId, Integer> cellIndex;
  private final long startMillis;
  private final Duration slot;
  private final List<Service> services;
  private final EnumMap<Service, Integer> serviceIndex;
  private final int length;

  /** Flat storage, index {@code (cell * length + t) * services + s}. */
  private final float[] data;

  /** Whether the values come from synthetic data ({@code dnt data synth}), not measurements. */
  private final boolean synthetic;

  private TrafficDataset(
      List<CellId> cells,
      long startMillis,
      Duration slot,
      List<Service> services,
      int length,
      float[] data,
      boolean synthetic) {
    this.synthetic = synthetic;
    this.cells = cells;
    this.startMillis = startMillis;
    this.slot = slot;
    this.services = services;
    this.length = length;
    this.data = data;
    this.cellIndex = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      cellIndex.put(cells.get(i), i);
    }
    this.serviceIndex = new EnumMap<>(Service.class);
    for (int i = 0; i < services.size(); i++) {
      serviceIndex.put(services.get(i), i);
    }
  }

  /**
   * Creates a dataset, copying and validating the values.
   *
   * @param cells the cells, distinct, in the order of the first index of {@code values}
   * @param startMillis start of slot 0, epoch milliseconds UTC
   * @param slot the slot length, positive
   * @param services the services, distinct, in the order of the last index of {@code values}
   * @param values activity as {@code values[cell][slot][service]}; finite numbers
   * @return the dataset
   * @throws InvalidInputException if shapes disagree, a list has duplicates, or a value is NaN or
   *     infinite
   */
  public static TrafficDataset of(
      List<CellId> cells,
      long startMillis,
      Duration slot,
      List<Service> services,
      float[][][] values) {
    Objects.requireNonNull(values, "values");
    List<CellId> cellList = checkCells(cells);
    List<Service> serviceList = checkServices(services);
    checkSlot(slot);
    if (values.length != cellList.size()) {
      throw new InvalidInputException(
          "values has " + values.length + " cells but " + cellList.size() + " cell ids were given");
    }
    int length = cellList.isEmpty() || values[0] == null ? 0 : values[0].length;
    int ns = serviceList.size();
    float[] data = new float[Math.multiplyExact(Math.multiplyExact(cellList.size(), length), ns)];
    for (int c = 0; c < values.length; c++) {
      float[][] series = values[c];
      if (series == null || series.length != length) {
        throw new InvalidInputException(
            "cell "
                + cellList.get(c)
                + " has "
                + (series == null ? 0 : series.length)
                + " slots but the first cell has "
                + length);
      }
      for (int t = 0; t < length; t++) {
        float[] row = series[t];
        if (row == null || row.length != ns) {
          throw new InvalidInputException(
              "cell "
                  + cellList.get(c)
                  + " slot "
                  + t
                  + " has "
                  + (row == null ? 0 : row.length)
                  + " values but "
                  + ns
                  + " services were given");
        }
        for (int s = 0; s < ns; s++) {
          float v = row[s];
          if (!Float.isFinite(v)) {
            throw new InvalidInputException(
                "value "
                    + v
                    + " for cell "
                    + cellList.get(c)
                    + " at slot "
                    + t
                    + " ("
                    + serviceList.get(s).column()
                    + ") is not a finite number");
          }
          data[(c * length + t) * ns + s] = v;
        }
      }
    }
    return new TrafficDataset(cellList, startMillis, slot, serviceList, length, data, false);
  }

  private static List<CellId> checkCells(List<CellId> cells) {
    List<CellId> copy = List.copyOf(Objects.requireNonNull(cells, "cells"));
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new InvalidInputException("cell ids must be distinct, got " + copy);
    }
    return copy;
  }

  private static List<Service> checkServices(List<Service> services) {
    List<Service> copy = List.copyOf(Objects.requireNonNull(services, "services"));
    if (copy.isEmpty()) {
      throw new InvalidInputException("a traffic dataset needs at least one service");
    }
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new InvalidInputException("services must be distinct, got " + copy);
    }
    return copy;
  }

  private static void checkSlot(Duration slot) {
    if (slot == null || slot.isNegative() || slot.isZero()) {
      throw new InvalidInputException("slot length must be positive, got " + slot);
    }
  }

  /**
   * The cells, in index order.
   *
   * @return an immutable list
   */
  public List<CellId> cells() {
    return cells;
  }

  /**
   * Start of slot 0.
   *
   * @return epoch milliseconds UTC
   */
  public long startMillis() {
    return startMillis;
  }

  /**
   * The slot length.
   *
   * @return the duration of one slot
   */
  public Duration slot() {
    return slot;
  }

  /**
   * The services, in index order.
   *
   * @return an immutable list
   */
  public List<Service> services() {
    return services;
  }

  /**
   * Number of cells.
   *
   * @return the count
   */
  public int cellCount() {
    return cells.size();
  }

  /**
   * Number of time slots.
   *
   * @return the count
   */
  public int length() {
    return length;
  }

  /**
   * Whether the dataset holds this service.
   *
   * @param s the service
   * @return true when present
   */
  public boolean has(Service s) {
    return serviceIndex.containsKey(s);
  }

  /**
   * One value.
   *
   * @param cell the cell index
   * @param t the slot index
   * @param s the service
   * @return the activity
   */
  public double value(int cell, int t, Service s) {
    checkCellIndex(cell);
    if (t < 0 || t >= length) {
      throw new IndexOutOfBoundsException("slot " + t + " outside 0.." + (length - 1));
    }
    return data[(cell * length + t) * services.size() + serviceSlot(s)];
  }

  /**
   * The full series of one cell and service.
   *
   * @param cellIndex the cell index
   * @param s the service
   * @return a fresh array of {@link #length()} values
   */
  public double[] series(int cellIndex, Service s) {
    checkCellIndex(cellIndex);
    int ns = services.size();
    int si = serviceSlot(s);
    double[] out = new double[length];
    int base = cellIndex * length * ns + si;
    for (int t = 0; t < length; t++) {
      out[t] = data[base + t * ns];
    }
    return out;
  }

  /**
   * Whether the values are synthetic (written by {@code dnt data synth} and ingested, or read from
   * an export of such a store), not measurements. Every derived view keeps the label; a report
   * built on a synthetic dataset must say so.
   *
   * @return true for synthetic data
   */
  public boolean synthetic() {
    return synthetic;
  }

  /**
   * The same values labelled synthetic or not.
   *
   * @param isSynthetic whether the values are synthetic
   * @return a dataset sharing this one's values (it is immutable), with the label set
   */
  public TrafficDataset labelledSynthetic(boolean isSynthetic) {
    return isSynthetic == synthetic
        ? this
        : new TrafficDataset(cells, startMillis, slot, services, length, data, isSynthetic);
  }

  /**
   * Keeps only some services, in the given order.
   *
   * @param keep the services to keep
   * @return a new dataset
   */
  public TrafficDataset select(Service... keep) {
    List<Service> kept = checkServices(List.of(keep));
    int[] from = new int[kept.size()];
    for (int i = 0; i < from.length; i++) {
      from[i] = serviceSlot(kept.get(i));
    }
    int ns = services.size();
    int nk = from.length;
    float[] out = new float[cells.size() * length * nk];
    for (int ct = 0, n = cells.size() * length; ct < n; ct++) {
      for (int k = 0; k < nk; k++) {
        out[ct * nk + k] = data[ct * ns + from[k]];
      }
    }
    return new TrafficDataset(cells, startMillis, slot, kept, length, out, synthetic);
  }

  /**
   * Sums {@code factor} consecutive slots into one (factor 6 turns 10-minute slots into hours). A
   * trailing partial group is dropped.
   *
   * @param factor slots per new slot, at least 1
   * @return a new dataset with slot length {@code slot * factor}
   */
  public TrafficDataset resample(int factor) {
    if (factor < 1) {
      throw new InvalidInputException("resample factor must be at least 1, got " + factor);
    }
    int ns = services.size();
    int newLength = length / factor;
    float[] out = new float[cells.size() * newLength * ns];
    for (int c = 0; c < cells.size(); c++) {
      for (int nt = 0; nt < newLength; nt++) {
        for (int s = 0; s < ns; s++) {
          double sum = 0;
          for (int k = 0; k < factor; k++) {
            sum += data[(c * length + nt * factor + k) * ns + s];
          }
          out[(c * newLength + nt) * ns + s] = (float) sum;
        }
      }
    }
    return new TrafficDataset(
        cells, startMillis, slot.multipliedBy(factor), services, newLength, out, synthetic);
  }

  /**
   * Keeps slots {@code fromSlot} (inclusive) to {@code toSlot} (exclusive).
   *
   * @param fromSlot first slot kept
   * @param toSlot one past the last slot kept
   * @return a new dataset starting at {@link #timeOf(int) timeOf(fromSlot)}
   */
  public TrafficDataset slice(int fromSlot, int toSlot) {
    if (fromSlot < 0 || toSlot > length || fromSlot > toSlot) {
      throw new InvalidInputException(
          "slice [" + fromSlot + ", " + toSlot + ") is outside the " + length + " slots");
    }
    int ns = services.size();
    int newLength = toSlot - fromSlot;
    float[] out = new float[cells.size() * newLength * ns];
    for (int c = 0; c < cells.size(); c++) {
      System.arraycopy(data, (c * length + fromSlot) * ns, out, c * newLength * ns, newLength * ns);
    }
    return new TrafficDataset(cells, timeOf(fromSlot), slot, services, newLength, out, synthetic);
  }

  /**
   * Keeps some cells, in the given order.
   *
   * @param keep cells present in this dataset
   * @return a new dataset
   * @throws InvalidInputException if a cell is absent
   */
  public TrafficDataset selectCells(List<CellId> keep) {
    List<CellId> kept = checkCells(keep);
    int block = length * services.size();
    float[] out = new float[kept.size() * block];
    for (int i = 0; i < kept.size(); i++) {
      System.arraycopy(data, indexOf(kept.get(i)) * block, out, i * block, block);
    }
    return new TrafficDataset(kept, startMillis, slot, services, length, out, synthetic);
  }

  /**
   * The index of a cell.
   *
   * @param cell a cell of this dataset
   * @return its index
   * @throws InvalidInputException if the dataset does not hold the cell
   */
  public int indexOf(CellId cell) {
    Integer i = cellIndex.get(cell);
    if (i == null) {
      throw new InvalidInputException("cell " + cell + " is not in this dataset");
    }
    return i;
  }

  /**
   * Start time of a slot.
   *
   * @param slotIndex the slot (may equal {@link #length()} for the end of the data)
   * @return epoch milliseconds UTC
   */
  public long timeOf(int slotIndex) {
    return startMillis + slotIndex * slot.toMillis();
  }

  private void checkCellIndex(int cell) {
    if (cell < 0 || cell >= cells.size()) {
      throw new IndexOutOfBoundsException(
          "cell index " + cell + " outside 0.." + (cells.size() - 1));
    }
  }

  private int serviceSlot(Service s) {
    Integer i = serviceIndex.get(s);
    if (i == null) {
      throw new InvalidInputException(
          "service " + s.column() + " is not in this dataset (it holds " + services + ")");
    }
    return i;
  }

  @Override
  public String toString() {
    return "TrafficDataset["
        + cells.size()
        + " cells x "
        + length
        + " slots of "
        + slot
        + " x "
        + services
        + ", from "
        + java.time.Instant.ofEpochMilli(startMillis)
        + (synthetic ? ", SYNTHETIC" : "")
        + "]";
  }
}
