package dnt.live.runtime;

/**
 * The journaled snapshot of a cell twin. The arrays are owned by the snapshot; nobody writes them
 * after construction.
 *
 * @param keys (slot, country code) keys in ascending order, see {@link Observation#key()}
 * @param values {@code values[i * 5 + s]} is service {@code s} of key {@code i}
 * @param maskedSlots the masked slots, ascending
 * @param maskValues {@code maskValues[m * 5 + s]}: the prediction shown for masked slot {@code m}
 * @param window the integrity monitor's residual window, oldest first
 * @param outlierRun outliers in a row at the end of the stream
 * @param inlierRun inliers in a row at the end of the stream
 * @param diverging whether the stream is flagged
 * @param checked observations checked so far
 * @param judgedBefore slots before this one have been judged
 * @param predictor the {@link dnt.data.integrity.Predictor#code()} of the newest judged slot's
 *     predictor, -1 before the first judgement
 * @param positions the newest ingest-log position applied per partition, as pairs (partition,
 *     position), partitions ascending; empty without the log and in snapshots before version 5
 * @param heldFrom the first slot of the cell twin's retention window: every row of a slot from it
 *     on is held, the rows of earlier slots were dropped (they are in the journal and the read
 *     side); {@link Long#MIN_VALUE} when nothing was dropped, and in snapshots before version 6
 */
public record CellSnapshot(
    long[] keys,
    double[] values,
    long[] maskedSlots,
    double[] maskValues,
    double[] window,
    int outlierRun,
    int inlierRun,
    boolean diverging,
    long checked,
    long judgedBefore,
    int predictor,
    long[] positions,
    long heldFrom)
    implements Journaled {

  /** {@link #heldFrom()} of a state that dropped nothing. */
  public static final long ALL_HELD = Long.MIN_VALUE;

  /** Checks the shapes agree. */
  public CellSnapshot {
    if (values.length != keys.length * Observation.SERVICES
        || maskValues.length != maskedSlots.length * Observation.SERVICES
        || positions.length % 2 != 0) {
      throw new IllegalArgumentException("the arrays of a cell snapshot disagree in length");
    }
  }

  /**
   * A snapshot of a state that dropped nothing (versions before 6).
   *
   * @param keys the keys
   * @param values the values
   * @param maskedSlots the masked slots
   * @param maskValues their predictions
   * @param window the residual window
   * @param outlierRun outliers in a row
   * @param inlierRun inliers in a row
   * @param diverging whether flagged
   * @param checked observations checked
   * @param judgedBefore slots before it are judged
   * @param predictor the newest judgement's predictor code, -1 for none
   * @param positions the ingest-log positions as (partition, position) pairs
   */
  public CellSnapshot(
      long[] keys,
      double[] values,
      long[] maskedSlots,
      double[] maskValues,
      double[] window,
      int outlierRun,
      int inlierRun,
      boolean diverging,
      long checked,
      long judgedBefore,
      int predictor,
      long[] positions) {
    this(
        keys,
        values,
        maskedSlots,
        maskValues,
        window,
        outlierRun,
        inlierRun,
        diverging,
        checked,
        judgedBefore,
        predictor,
        positions,
        ALL_HELD);
  }

  /**
   * A snapshot without ingest-log positions (versions before 5, or a twin without the log).
   *
   * @param keys the keys
   * @param values the values
   * @param maskedSlots the masked slots
   * @param maskValues their predictions
   * @param window the residual window
   * @param outlierRun outliers in a row
   * @param inlierRun inliers in a row
   * @param diverging whether flagged
   * @param checked observations checked
   * @param judgedBefore slots before it are judged
   * @param predictor the newest judgement's predictor code, -1 for none
   */
  public CellSnapshot(
      long[] keys,
      double[] values,
      long[] maskedSlots,
      double[] maskValues,
      double[] window,
      int outlierRun,
      int inlierRun,
      boolean diverging,
      long checked,
      long judgedBefore,
      int predictor) {
    this(
        keys,
        values,
        maskedSlots,
        maskValues,
        window,
        outlierRun,
        inlierRun,
        diverging,
        checked,
        judgedBefore,
        predictor,
        new long[0]);
  }

  /**
   * Positions as the flat pairs a snapshot holds.
   *
   * @param positions partition to position
   * @return (partition, position) pairs in the map's order
   */
  static long[] pairs(java.util.Map<Integer, Long> positions) {
    long[] a = new long[2 * positions.size()];
    int i = 0;
    for (java.util.Map.Entry<Integer, Long> e : positions.entrySet()) {
      a[i++] = e.getKey();
      a[i++] = e.getValue();
    }
    return a;
  }

  /**
   * A snapshot of the first format: telemetry only, no integrity state.
   *
   * @param keys the keys
   * @param values the values
   * @return the snapshot
   */
  public static CellSnapshot telemetryOnly(long[] keys, double[] values) {
    return new CellSnapshot(
        keys, values, new long[0], new double[0], new double[0], 0, 0, false, 0, 0, -1);
  }
}
