package dnt.live.runtime;

import java.util.Arrays;

/**
 * Rows of {@link Observation#SERVICES} values keyed by strictly ascending {@code long}s, in two
 * primitive arrays: {@link #keys} in {@code [0, count)} and row {@code i}'s values at {@code
 * values[SERVICES * i + s]}. A cell twin holds its telemetry rows (keyed by {@link
 * Observation#key(long, int)}) and its masked slots (keyed by slot) this way ({@link CellState}).
 * Mutable, touched by one thread; the fields are read directly by {@link CellState}.
 */
final class KeyedRows {
  /** The keys held, ascending, in {@code [0, count)}. */
  long[] keys = new long[0];

  /** {@code values[SERVICES * i + s]}: value {@code s} of the row with key {@code keys[i]}. */
  double[] values = new double[0];

  /** Rows held. */
  int count;

  /**
   * The index of {@code key}, or {@code -(insertion point) - 1}; a key above the last (rows mostly
   * arrive in order) is answered without a search.
   */
  int find(long key) {
    if (count == 0 || keys[count - 1] < key) {
      return -count - 1;
    }
    return Arrays.binarySearch(keys, 0, count, key);
  }

  /** The index of the first row whose key is at least {@code key} ({@code count} if none). */
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
    if (count == keys.length) {
      int capacity = Math.max(16, count + (count >> 1));
      keys = Arrays.copyOf(keys, capacity);
      values = Arrays.copyOf(values, capacity * Observation.SERVICES);
    }
    System.arraycopy(keys, i, keys, i + 1, count - i);
    System.arraycopy(
        values,
        i * Observation.SERVICES,
        values,
        (i + 1) * Observation.SERVICES,
        (count - i) * Observation.SERVICES);
    keys[i] = key;
    count++;
    return i;
  }

  /** Removes the row with {@code key}, if held. */
  void remove(long key) {
    int i = find(key);
    if (i < 0) {
      return;
    }
    System.arraycopy(keys, i + 1, keys, i, count - i - 1);
    System.arraycopy(
        values,
        (i + 1) * Observation.SERVICES,
        values,
        i * Observation.SERVICES,
        (count - i - 1) * Observation.SERVICES);
    count--;
  }

  /** Holds {@code keys} and {@code values} (strictly ascending keys), copies of both. */
  void setAll(long[] keys, double[] values) {
    this.keys = keys.clone();
    this.values = values.clone();
    this.count = keys.length;
  }

  /** Copies of the used parts of the keys. */
  long[] keysCopy() {
    return Arrays.copyOf(keys, count);
  }

  /** Copies of the used parts of the values. */
  double[] valuesCopy() {
    return Arrays.copyOf(values, count * Observation.SERVICES);
  }
}
