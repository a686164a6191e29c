package dnt.live.runtime;

/**
 * The journaled snapshot of a cell twin: its keys in ascending order and their values, five per key
 * in the order of {@code dnt.data.Service}. The arrays are owned by the snapshot; nobody writes
 * them after construction.
 *
 * @param keys (slot, country code) keys, see {@link Observation#key()}
 * @param values {@code values[i * 5 + s]} is service {@code s} of key {@code i}
 */
public record CellSnapshot(long[] keys, double[] values) implements Journaled {

  /** Checks the shapes agree. */
  public CellSnapshot {
    if (values.length != keys.length * Observation.SERVICES) {
      throw new IllegalArgumentException(
          keys.length + " keys but " + values.length + " values in a cell snapshot");
    }
  }
}
