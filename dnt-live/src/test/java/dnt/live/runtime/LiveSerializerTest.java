package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.data.integrity.IntegrityParams;
import dnt.data.integrity.Predictor;
import dnt.data.integrity.Verdict;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every journaled type survives the binary format bit for bit. */
final class LiveSerializerTest {
  private static final IntegrityParams OFF = new IntegrityParams(288, 36, 6, 3, false);

  private final LiveSerializer serializer = new LiveSerializer();

  private Object roundTrip(Object o) {
    return serializer.fromBinary(serializer.toBinary(o), serializer.manifest(o));
  }

  @Test
  void eventsAndCountersRoundTrip() {
    List<Observation> rows =
        List.of(
            new Observation(2_300_000L, 39, 0.1, 0, Double.MIN_VALUE, 1e300, 7),
            new Observation(1, 0, 1, 2, 3, 4, 5));
    double[] prediction = {1, 2, 3, 4, 5.5};
    Verdict v = new Verdict(1, 30, 15.5, 7.25, true, true, prediction, Predictor.FORECASTER);
    Verdict warm = new Verdict(2_300_000L, 1, 2, Double.NaN, false, false, new double[5]);
    CellTwin.Observed back =
        (CellTwin.Observed) roundTrip(new CellTwin.Observed(rows, List.of(v, warm)));
    assertThat(back.rows()).isEqualTo(rows);
    assertThat(back.verdicts()).hasSize(2);
    assertThat(back.verdicts().get(0)).usingRecursiveComparison().isEqualTo(v);
    // NaN equals nothing field by field: compare the score on its own
    assertThat(back.verdicts().get(1))
        .usingRecursiveComparison()
        .ignoringFields("score")
        .isEqualTo(warm);
    assertThat(back.verdicts().get(1).score()).isNaN();
    assertThat(roundTrip(new TwinStats.Counted(123_456_789_012L)))
        .isEqualTo(new TwinStats.Counted(123_456_789_012L));
  }

  @Test
  void aSnapshotRoundTripsThroughTheCellState() {
    IntegrityParams params = new IntegrityParams(10, 3, 6, 3, true);
    CellState s = new CellState(params);
    s.apply(
        List.of(new Observation(5, 39, 1, 2, 3, 4, 5), new Observation(4, 33, 0.5, 0, 0, 0, 0.25)),
        List.of(
            new Verdict(5, 15, 14, 1.5, false, false, new double[] {1, 2, 3, 4, 4}),
            new Verdict(
                7, 99, 10, 50, true, true, new double[] {1, 2, 3, 4, 0}, Predictor.FORECASTER)));
    CellSnapshot snap = s.snapshot();
    assertThat(snap.predictor()).isEqualTo(Predictor.FORECASTER.code());
    CellSnapshot back = (CellSnapshot) roundTrip(snap);
    assertThat(back).usingRecursiveComparison().isEqualTo(snap);
    CellState restored = CellState.of(back, params);
    assertThat(restored.size()).isEqualTo(2);
    assertThat(restored.totals(4, 8, true)).isDeepEqualTo(s.totals(4, 8, true));
    assertThat(restored.totals(7, 8, true)[0]).containsExactly(1, 2, 3, 4, 0);
    assertThat(restored.maskedSlots()).containsExactly(7);
    assertThat(restored.checked()).isEqualTo(2);
    assertThat(restored.predictor()).isEqualTo("forecaster");
    assertThat(back.keys()).containsExactly(Observation.key(4, 33), Observation.key(5, 39));
  }

  @Test
  void theFirstFormatsAreStillRead() {
    // observed-1: one row; cell-snapshot-1: one key and its five values
    ByteBuffer obs = ByteBuffer.allocate(4 + 8 + 4 + 5 * 8);
    obs.putInt(1).putLong(9).putInt(39);
    for (int s = 1; s <= 5; s++) {
      obs.putDouble(s);
    }
    CellTwin.Observed e =
        (CellTwin.Observed) serializer.fromBinary(obs.array(), LiveSerializer.OBSERVED_1);
    assertThat(e.rows()).containsExactly(new Observation(9, 39, 1, 2, 3, 4, 5));
    assertThat(e.verdicts()).isEmpty();
    ByteBuffer snap = ByteBuffer.allocate(4 + 8 + 5 * 8);
    snap.putInt(1).putLong(Observation.key(9, 39));
    for (int s = 1; s <= 5; s++) {
      snap.putDouble(s);
    }
    CellSnapshot old =
        (CellSnapshot) serializer.fromBinary(snap.array(), LiveSerializer.CELL_SNAPSHOT_1);
    assertThat(old.keys()).containsExactly(Observation.key(9, 39));
    assertThat(old.values()).containsExactly(1, 2, 3, 4, 5);
    assertThat(old.maskedSlots()).isEmpty();
    assertThat(old.predictor()).isEqualTo(-1);

    // observed-2: no row, one verdict, without a predictor code: seasonal naive
    ByteBuffer two = ByteBuffer.allocate(4 + 4 + 8 + 3 * 8 + 2 + 5 * 8);
    two.putInt(0).putInt(1).putLong(300).putDouble(10).putDouble(9).putDouble(0.5);
    two.put((byte) 0).put((byte) 0);
    for (int s = 1; s <= 5; s++) {
      two.putDouble(s);
    }
    CellTwin.Observed e2 =
        (CellTwin.Observed) serializer.fromBinary(two.array(), LiveSerializer.OBSERVED_2);
    assertThat(e2.verdicts()).hasSize(1);
    assertThat(e2.verdicts().get(0).predictor()).isEqualTo(Predictor.SEASONAL_NAIVE);
    assertThat(e2.verdicts().get(0).prediction()).containsExactly(1, 2, 3, 4, 5);
  }

  /** The snapshot that the hand-written records below hold. */
  private static CellSnapshot handWritten(int predictor) {
    return new CellSnapshot(
        new long[] {Observation.key(9, 39), Observation.key(10, 0)},
        new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
        new long[] {10},
        new double[] {0.5, 0, 0, 0, 99},
        new double[] {-1.5, 2.5, 0.25},
        2,
        1,
        true,
        77,
        11,
        predictor);
  }

  /** The fields of {@link #handWritten} after the arrays, as every format since the second has. */
  private static void putScalars(ByteBuffer b) {
    b.putInt(2).putInt(1).put((byte) 1).putLong(77).putLong(11);
  }

  @Test
  void theSecondAndThirdSnapshotFormatsAreStillRead() {
    for (String manifest :
        List.of(LiveSerializer.CELL_SNAPSHOT_2, LiveSerializer.CELL_SNAPSHOT_3)) {
      boolean third = manifest.equals(LiveSerializer.CELL_SNAPSHOT_3);
      // each length just before its array
      ByteBuffer b = ByteBuffer.allocate(4 + 2 * 8 + 10 * 8 + 4 + 8 + 5 * 8 + 4 + 3 * 8 + 25 + 1);
      b.putInt(2).putLong(Observation.key(9, 39)).putLong(Observation.key(10, 0));
      for (int v = 1; v <= 10; v++) {
        b.putDouble(v);
      }
      b.putInt(1).putLong(10).putDouble(0.5).putDouble(0).putDouble(0).putDouble(0).putDouble(99);
      b.putInt(3).putDouble(-1.5).putDouble(2.5).putDouble(0.25);
      putScalars(b);
      if (third) {
        b.put((byte) Predictor.FORECASTER.code());
      }
      CellSnapshot read = (CellSnapshot) serializer.fromBinary(b.array(), manifest);
      assertThat(read)
          .usingRecursiveComparison()
          .isEqualTo(handWritten(third ? Predictor.FORECASTER.code() : -1));
    }
  }

  /** The hand-written {@code cell-snapshot-4} record of {@link #handWritten}. */
  private static byte[] fourth() {
    // 38 + 48 n + 48 m + 8 w bytes: 2 keys, 1 masked slot, 3 residuals
    ByteBuffer b = ByteBuffer.allocate(38 + 48 * 2 + 48 + 8 * 3);
    b.putInt(2).putInt(1).putInt(3);
    b.putLong(Observation.key(9, 39)).putLong(Observation.key(10, 0));
    for (int v = 1; v <= 10; v++) {
      b.putDouble(v);
    }
    b.putLong(10).putDouble(0.5).putDouble(0).putDouble(0).putDouble(0).putDouble(99);
    b.putDouble(-1.5).putDouble(2.5).putDouble(0.25);
    putScalars(b);
    b.put((byte) Predictor.FORECASTER.code());
    assertThat(b.remaining()).isZero();
    return b.array();
  }

  @Test
  void theFourthSnapshotFormatIsTheArraysWithTheirLengthsFirstAndStillRead() {
    CellSnapshot snap = handWritten(Predictor.FORECASTER.code());
    assertThat(serializer.fromBinary(fourth(), "cell-snapshot-4"))
        .usingRecursiveComparison()
        .isEqualTo(snap);
    // the fifth is the fourth and the ingest log's positions: none here; still read
    byte[] fifth = ByteBuffer.allocate(fourth().length + 4).put(fourth()).putInt(0).array();
    assertThat(serializer.fromBinary(fifth, "cell-snapshot-5"))
        .usingRecursiveComparison()
        .isEqualTo(snap);
    // the sixth is the fourth, the retention window's first slot (none dropped), the positions
    assertThat(serializer.manifest(snap)).isEqualTo("cell-snapshot-6");
    byte[] sixth =
        ByteBuffer.allocate(fourth().length + 8 + 4)
            .put(fourth())
            .putLong(Long.MIN_VALUE)
            .putInt(0)
            .array();
    assertThat(serializer.toBinary(snap)).isEqualTo(sixth);
    CellSnapshot none = handWritten(-1);
    assertThat(serializer.fromBinary(serializer.toBinary(none), "cell-snapshot-6"))
        .usingRecursiveComparison()
        .isEqualTo(none);
    CellSnapshot empty = CellSnapshot.telemetryOnly(new long[0], new double[0]);
    assertThat(serializer.toBinary(empty)).hasSize(50);
    assertThat(serializer.fromBinary(serializer.toBinary(empty), "cell-snapshot-6"))
        .usingRecursiveComparison()
        .isEqualTo(empty);
  }

  @Test
  void theFifthSnapshotFormatEndsWithTheIngestLogPositions() {
    CellSnapshot h = handWritten(Predictor.FORECASTER.code());
    CellSnapshot snap =
        new CellSnapshot(
            h.keys(),
            h.values(),
            h.maskedSlots(),
            h.maskValues(),
            h.window(),
            h.outlierRun(),
            h.inlierRun(),
            h.diverging(),
            h.checked(),
            h.judgedBefore(),
            h.predictor(),
            new long[] {0, 7, 3, 1L << 40});
    // 42 + 48 n + 48 m + 8 w + 12 k bytes: the fourth's, then k = 2 and (partition, position) pairs
    ByteBuffer b = ByteBuffer.allocate(fourth().length + 4 + 2 * 12);
    b.put(fourth()).putInt(2).putInt(0).putLong(7).putInt(3).putLong(1L << 40);
    assertThat(serializer.fromBinary(b.array(), "cell-snapshot-5"))
        .usingRecursiveComparison()
        .isEqualTo(snap);
    // the sixth writes the window's first slot between the fourth's fields and the positions
    ByteBuffer six = ByteBuffer.allocate(fourth().length + 8 + 4 + 2 * 12);
    six.put(fourth()).putLong(Long.MIN_VALUE);
    six.putInt(2).putInt(0).putLong(7).putInt(3).putLong(1L << 40);
    assertThat(serializer.toBinary(snap)).isEqualTo(six.array());
    CellState state = CellState.of(snap, OFF);
    assertThat(state.applied(0)).isEqualTo(7);
    assertThat(state.applied(3)).isEqualTo(1L << 40);
    assertThat(state.applied(1)).isZero();
  }

  @Test
  void theIngestLogsEventsAndSnapshotAndTheFlushedEventRoundTrip() {
    List<Observation> rows =
        List.of(
            new Observation(2_300_000L, 39, 0.1, 0, Double.MIN_VALUE, 1e300, 7),
            new Observation(1, 0, 1, 2, 3, 4, 5));
    IngestLog.Logged logged =
        new IngestLog.Logged(
            12,
            List.of(
                new IngestLog.CellRows(5161, 9, rows), new IngestLog.CellRows(1, 0, List.of())));
    // position (8), cell count (4), per cell: cell (4), prev (8), rows (4 + 52 each)
    assertThat(serializer.toBinary(logged)).hasSize(8 + 4 + (4 + 8 + 4 + 2 * 52) + (4 + 8 + 4));
    IngestLog.LogSnapshot snap = new IngestLog.LogSnapshot(12, 5_600_000L, List.of(logged));
    CellTwin.Flushed flushed =
        new CellTwin.Flushed(
            rows,
            List.of(
                new Verdict(
                    300,
                    10,
                    9,
                    0.5,
                    true,
                    true,
                    new double[] {1, 2, 3, 4, 5},
                    Predictor.FORECASTER)),
            Map.of(0, 3L, 2, 12L));
    for (Object o : List.of(logged, snap, flushed, new IngestLog.Drained())) {
      Object back = serializer.fromBinary(serializer.toBinary(o), serializer.manifest(o));
      assertThat(back).as(serializer.manifest(o)).usingRecursiveComparison().isEqualTo(o);
    }
    assertThat(
            List.of(
                serializer.manifest(logged),
                serializer.manifest(snap),
                serializer.manifest(flushed),
                serializer.manifest(new IngestLog.Drained())))
        .containsExactly(
            "ingest-logged-1", "ingest-log-snapshot-1", "flushed-1", "ingest-drained-1");
    // the drained marker has no fields
    assertThat(serializer.toBinary(new IngestLog.Drained())).isEmpty();
  }

  @Test
  void aTruncatedSnapshotIsRefusedByName() {
    byte[] sixth = serializer.toBinary(handWritten(-1));
    // no positions: the sixth is the fourth, 8 bytes of the window's slot and a count of 0
    byte[] fourth = java.util.Arrays.copyOf(sixth, sixth.length - 12);
    byte[] fifth = ByteBuffer.allocate(fourth.length + 4).put(fourth).putInt(0).array();
    for (String manifest : List.of("cell-snapshot-4", "cell-snapshot-5", "cell-snapshot-6")) {
      byte[] whole = manifest.endsWith("4") ? fourth : manifest.endsWith("5") ? fifth : sixth;
      for (int length : new int[] {0, 11, 12, whole.length - 1}) {
        byte[] cut = java.util.Arrays.copyOf(whole, length);
        assertThatThrownBy(() -> serializer.fromBinary(cut, manifest))
            .isInstanceOf(java.io.UncheckedIOException.class)
            .hasMessageContaining("corrupt dnt-live " + manifest);
      }
      byte[] longer = java.util.Arrays.copyOf(whole, whole.length + 8);
      assertThatThrownBy(() -> serializer.fromBinary(longer, manifest))
          .isInstanceOf(java.io.UncheckedIOException.class);
    }
  }

  @Test
  void anUnknownManifestIsRefusedByName() {
    assertThatThrownBy(() -> serializer.fromBinary(new byte[0], "observed-99"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("observed-99");
  }
}
