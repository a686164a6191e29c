package dnt.live.runtime;

import java.util.Arrays;

/**
 * Rows of {@link Observation#SERVICES} values keyed by strictly ascending {@code long}s, in two
 * primitive arrays: {@link #keys} in {@code [first, end)} and row {@code i}'s values at {@code
 * values[SERVICES * i + s]}. A cell twin holds its telemetry rows (keyed by {@link
 * Observation#key(long, int)}) and its masked slots (keyed by slot) this way ({@link CellState}).
 * Mutable, touched by one thread; the fields are read directly by {@link CellState}.
 *
 * <p>Dropping the oldest rows ({@link #dropBefore}, the cell twin's retention window) only moves
 * {@link #first}: the dropped rows' room is reclaimed when the arrays are full, by moving the held
 * rows to the front (only where that frees room for at least a quarter of the held rows, so a row
 * appended costs at most four row moves on average; otherwise the arrays grow half as large again)
 * instead of by a move of every held row each time the window slides a slot. A window of {@code n}
 * rows thus keeps arrays of at most about {@code 1.5 n} rows.
 */
final class KeyedRows {
  /** The keys held, ascending, in {@code [first, end)}. */
  long[] keys = new long[0];

  /** {@code values[SERVICES * i + s]}: value {@code s} of the row with key {@code keys[i]}. */
  double[] values = new double[0];

  /** The index of the first row held (rows before it were dropped). */
  int first;

  /** The index after the last row held. */
  int end;

  /** Rows held. */
  int size() {
    return end - first;
  }

  /**
   * The index of {@code key}, or {@code -(insertion point) - 1}; a key above the last (rows mostly
   * arrive in order) is answered without a search.
   */
  int find(long key) {
    if (end == first || keys[end - 1] < key) {
      return -end - 1;
    }
    return Arrays.binarySearch(keys, first, end, key);
  }

  /** The index of the first row whose key is at least {@code key} ({@code end} if none). */
  int lowerBound(long key) {
    int i = find(key);
    return i >= 0 ? i : -i - 1;
  }

  /** A copy of row {@code i}'s values. */
  double[] row(int i) {
    return Arrays.copyOfRange(values, i * Observation.SERVICES, (i + 1) * Observation.SERVICES);
  }

  /**
   * The index of the row with {@code key}, made if missing: appended when it is the newest,
   * otherwise inserted by shifting the rows after it. The caller writes a new row's values (until
   * then they are unspecified).
   */
  int slotFor(long key) {
    int i = find(key);
    if (i >= 0) {
      return i;
    }
    i = -i - 1;
    if (end == keys.length) {
      i -= makeRoom();
    }
    System.arraycopy(keys, i, keys, i + 1, end - i);
    System.arraycopy(
        values,
        i * Observation.SERVICES,
        values,
        (i + 1) * Observation.SERVICES,
        (end - i) * Observation.SERVICES);
    keys[i] = key;
    end++;
    return i;
  }

  /**
   * Makes room for one more row in full arrays: moves the held rows to the front where the dropped
   * rows' room is at least a quarter of the rows held, else into arrays half as large again as the
   * rows held.
   *
   * @return how far the held rows moved towards the front
   */
  private int makeRoom() {
    int n = size();
    int shift = first;
    if (first > 0 && first >= Math.max(1, n >> 2)) {
      System.arraycopy(keys, first, keys, 0, n);
      System.arraycopy(values, first * Observation.SERVICES, values, 0, n * Observation.SERVICES);
    } else {
      int capacity = Math.max(16, n + (n >> 1));
      long[] k = new long[capacity];
      double[] v = new double[capacity * Observation.SERVICES];
      System.arraycopy(keys, first, k, 0, n);
      System.arraycopy(values, first * Observation.SERVICES, v, 0, n * Observation.SERVICES);
      keys = k;
      values = v;
    }
    first = 0;
    end = n;
    return shift;
  }

  /** Removes the row with {@code key}, if held. */
  void remove(long key) {
    int i = find(key);
    if (i < 0) {
      return;
    }
    System.arraycopy(keys, i + 1, keys, i, end - i - 1);
    System.arraycopy(
        values,
        (i + 1) * Observation.SERVICES,
        values,
        i * Observation.SERVICES,
        (end - i - 1) * Observation.SERVICES);
    end--;
  }

  /**
   * Drops every row whose key is below {@code key} (no copying: their room is reused later).
   *
   * @return how many rows were dropped
   */
  int dropBefore(long key) {
    int i = lowerBound(key);
    int dropped = i - first;
    first = i;
    return dropped;
  }

  /** Holds {@code keys} and {@code values} (strictly ascending keys), copies of both. */
  void setAll(long[] keys, double[] values) {
    this.keys = keys.clone();
    this.values = values.clone();
    this.first = 0;
    this.end = keys.length;
  }

  /** Copies of the held keys. */
  long[] keysCopy() {
    return Arrays.copyOfRange(keys, first, end);
  }

  /** Copies of the held rows' values. */
  double[] valuesCopy() {
    return Arrays.copyOfRange(values, first * Observation.SERVICES, end * Observation.SERVICES);
  }

  /** The length of the arrays (rows they can hold without growing), for tests of the room kept. */
  int capacity() {
    return keys.length;
  }
}
