package dnt.live.runtime;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The telemetry a cell twin holds: one value vector per (slot, country code), the latest row seen
 * for that key. Mutable, and touched only by its entity's thread; {@link #snapshot()} copies it
 * into the immutable form that the snapshot store serializes on another thread.
 */
final class CellState {
  private final NavigableMap<Long, double[]> rows = new TreeMap<>();

  /**
   * How many of {@code batch} would replace a row: keys already held, or repeated within the batch.
   */
  int replacements(Iterable<Observation> batch) {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    int replaced = 0;
    for (Observation o : batch) {
      long k = o.key();
      if (rows.containsKey(k) || !seen.add(k)) {
        replaced++;
      }
    }
    return replaced;
  }

  /** Applies rows in order; a later row with the same key replaces the earlier one. */
  void apply(Iterable<Observation> batch) {
    for (Observation o : batch) {
      double[] v = new double[Observation.SERVICES];
      for (int s = 0; s < v.length; s++) {
        v[s] = o.value(s);
      }
      rows.put(o.key(), v);
    }
  }

  /**
   * Per-slot totals over country codes for slots {@code [fromSlot, toSlot)}.
   *
   * @return {@code totals[slot - fromSlot][service]}, 0 where nothing was observed
   */
  double[][] totals(long fromSlot, long toSlot) {
    double[][] out = new double[Math.toIntExact(toSlot - fromSlot)][Observation.SERVICES];
    for (Map.Entry<Long, double[]> e :
        rows.subMap(Observation.key(fromSlot, 0), true, Observation.key(toSlot, 0), false)
            .entrySet()) {
      double[] row = out[(int) ((e.getKey() >>> 32) - fromSlot)];
      double[] v = e.getValue();
      for (int s = 0; s < row.length; s++) {
        row[s] += v[s];
      }
    }
    return out;
  }

  /** Number of keys held. */
  int size() {
    return rows.size();
  }

  /** An immutable copy for the snapshot store. */
  CellSnapshot snapshot() {
    long[] keys = new long[rows.size()];
    double[] values = new double[rows.size() * Observation.SERVICES];
    int i = 0;
    for (Map.Entry<Long, double[]> e : rows.entrySet()) {
      keys[i] = e.getKey();
      System.arraycopy(e.getValue(), 0, values, i * Observation.SERVICES, Observation.SERVICES);
      i++;
    }
    return new CellSnapshot(keys, values);
  }

  /** The state a snapshot holds. */
  static CellState of(CellSnapshot snap) {
    CellState s = new CellState();
    for (int i = 0; i < snap.keys().length; i++) {
      double[] v = new double[Observation.SERVICES];
      System.arraycopy(snap.values(), i * Observation.SERVICES, v, 0, v.length);
      s.rows.put(snap.keys()[i], v);
    }
    return s;
  }
}
