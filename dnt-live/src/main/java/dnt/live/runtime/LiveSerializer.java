package dnt.live.runtime;

import dnt.data.integrity.Predictor;
import dnt.data.integrity.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The binary format of everything journaled ({@link Journaled}): big-endian fields written with
 * {@link DataOutputStream}, one manifest per type and version, so a later version can still read
 * old events. Bound in {@code dnt-live.conf}; Java serialization is never used.
 *
 * <ul>
 *   <li>{@code observed-3}: row count, then per row slot (long), country code (int) and the five
 *       services (doubles, {@code dnt.data.Service} order); then verdict count, per verdict slot
 *       (long), observed, predicted, score (doubles), outlier, masked (booleans), the five
 *       predicted values, the predictor's code (byte, {@link Predictor#code()}). {@code observed-2}
 *       (read only) has no predictor code (seasonal naive); {@code observed-1} (read only) is the
 *       rows alone.
 *   <li>{@code cell-snapshot-4}: the three lengths first, key count {@code n}, masked slot count
 *       {@code m}, window length {@code w} (ints); then the arrays as the cell state holds them,
 *       each in one bulk copy: keys ({@code n} longs), values ({@code 5n} doubles), masked slots
 *       ({@code m} longs), their values ({@code 5m} doubles), residuals ({@code w} doubles); then
 *       outlier run, inlier run (ints), diverging (boolean), checked, judged-before slot (longs),
 *       the newest judgement's predictor code (byte, -1 for none): {@code 38 + 48n + 48m + 8w}
 *       bytes, written into an array of exactly that size. {@code cell-snapshot-3} (read only) has
 *       the same fields with each length just before its array; {@code cell-snapshot-2} (read only)
 *       has no predictor code; {@code cell-snapshot-1} (read only) is the telemetry part alone.
 *   <li>{@code cell-snapshot-6}: {@code cell-snapshot-4}, then the first slot of the cell twin's
 *       retention window ({@link CellSnapshot#heldFrom()}, long; {@code Long.MIN_VALUE} when
 *       nothing was dropped), then the ingest-log positions: their count {@code k} (int), then per
 *       partition its number (int) and position (long): {@code 50 + 48n + 48m + 8w + 12k} bytes.
 *       {@code cell-snapshot-5} (read only) has no window slot ({@code 42 + 48n + 48m + 8w + 12k}
 *       bytes; read as having dropped nothing).
 *   <li>{@code counted-1}: the row count (long).
 *   <li>{@code flushed-1}: a cell twin's coalesced rows ({@link CellTwin.Flushed}): the rows and
 *       verdicts as in {@code observed-3}, then the covered positions as in {@code
 *       cell-snapshot-5}.
 *   <li>{@code ingest-logged-1}: a batch of the ingest log ({@link IngestLog.Logged}): its position
 *       (long), the count of cells (int), then per cell its number (int), its previous position
 *       (long) and its rows as in {@code observed-3}.
 *   <li>{@code ingest-log-snapshot-1}: a log partition's snapshot ({@link IngestLog.LogSnapshot}):
 *       position, rows (longs), the count of pending batches (int), each as {@code
 *       ingest-logged-1}.
 *   <li>{@code ingest-drained-1}: a draining log partition's last event ({@link
 *       IngestLog.Drained}): no fields.
 * </ul>
 */
public final class LiveSerializer extends SerializerWithStringManifest {
  /** The serializer id, unique among the system's serializers (Pekko reserves 0..40). */
  public static final int ID = 1_212_001;

  static final String OBSERVED_1 = "observed-1";
  static final String OBSERVED_2 = "observed-2";
  static final String OBSERVED = "observed-3";
  static final String CELL_SNAPSHOT_1 = "cell-snapshot-1";
  static final String CELL_SNAPSHOT_2 = "cell-snapshot-2";
  static final String CELL_SNAPSHOT_3 = "cell-snapshot-3";
  static final String CELL_SNAPSHOT_4 = "cell-snapshot-4";
  static final String CELL_SNAPSHOT_5 = "cell-snapshot-5";
  static final String CELL_SNAPSHOT = "cell-snapshot-6";
  static final String COUNTED = "counted-1";
  static final String FLUSHED = "flushed-1";
  static final String LOGGED = "ingest-logged-1";
  static final String LOG_SNAPSHOT = "ingest-log-snapshot-1";
  static final String DRAINED = "ingest-drained-1";

  /** A serializer; Pekko instantiates it from the configuration. */
  public LiveSerializer() {}

  @Override
  public int identifier() {
    return ID;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof CellTwin.Observed) {
      return OBSERVED;
    } else if (o instanceof CellSnapshot) {
      return CELL_SNAPSHOT;
    } else if (o instanceof TwinStats.Counted) {
      return COUNTED;
    } else if (o instanceof CellTwin.Flushed) {
      return FLUSHED;
    } else if (o instanceof IngestLog.Logged) {
      return LOGGED;
    } else if (o instanceof IngestLog.LogSnapshot) {
      return LOG_SNAPSHOT;
    } else if (o instanceof IngestLog.Drained) {
      return DRAINED;
    }
    throw new IllegalArgumentException("dnt-live cannot serialize " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof CellSnapshot snap) {
      return snapshotBytes(snap);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      if (o instanceof CellTwin.Observed e) {
        writeRows(out, e.rows());
        writeVerdicts(out, e.verdicts());
      } else if (o instanceof CellTwin.Flushed e) {
        writeRows(out, e.rows());
        writeVerdicts(out, e.verdicts());
        writePositions(out, e.covered());
      } else if (o instanceof IngestLog.Logged e) {
        writeLogged(out, e);
      } else if (o instanceof IngestLog.LogSnapshot e) {
        out.writeLong(e.position());
        out.writeLong(e.rows());
        out.writeInt(e.pending().size());
        for (IngestLog.Logged l : e.pending()) {
          writeLogged(out, l);
        }
      } else if (o instanceof TwinStats.Counted c) {
        out.writeLong(c.rows());
      } else if (o instanceof IngestLog.Drained) {
        // no fields: the manifest says it all
      } else {
        throw new IllegalArgumentException("dnt-live cannot serialize " + o.getClass().getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeVerdicts(DataOutputStream out, List<Verdict> verdicts)
      throws IOException {
    out.writeInt(verdicts.size());
    for (Verdict v : verdicts) {
      out.writeLong(v.slot());
      out.writeDouble(v.observed());
      out.writeDouble(v.predicted());
      out.writeDouble(v.score());
      out.writeBoolean(v.outlier());
      out.writeBoolean(v.masked());
      writeDoubles(out, v.prediction());
      out.writeByte(v.predictor().code());
    }
  }

  private static List<Verdict> readVerdicts(DataInputStream in, boolean withPredictor)
      throws IOException {
    int m = in.readInt();
    List<Verdict> verdicts = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      verdicts.add(
          new Verdict(
              in.readLong(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readBoolean(),
              in.readBoolean(),
              readDoubles(in, Observation.SERVICES),
              withPredictor ? Predictor.ofCode(in.readByte()) : Predictor.SEASONAL_NAIVE));
    }
    return verdicts;
  }

  private static void writePositions(DataOutputStream out, java.util.Map<Integer, Long> positions)
      throws IOException {
    out.writeInt(positions.size());
    for (java.util.Map.Entry<Integer, Long> e : positions.entrySet()) {
      out.writeInt(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  private static java.util.Map<Integer, Long> readPositions(DataInputStream in) throws IOException {
    int k = in.readInt();
    java.util.Map<Integer, Long> positions = new java.util.TreeMap<>();
    for (int i = 0; i < k; i++) {
      positions.put(in.readInt(), in.readLong());
    }
    return positions;
  }

  private static void writeLogged(DataOutputStream out, IngestLog.Logged e) throws IOException {
    out.writeLong(e.position());
    out.writeInt(e.cells().size());
    for (IngestLog.CellRows c : e.cells()) {
      out.writeInt(c.cell());
      out.writeLong(c.prev());
      writeRows(out, c.rows());
    }
  }

  private static IngestLog.Logged readLogged(DataInputStream in) throws IOException {
    long position = in.readLong();
    int n = in.readInt();
    List<IngestLog.CellRows> cells = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      cells.add(new IngestLog.CellRows(in.readInt(), in.readLong(), readRows(in)));
    }
    return new IngestLog.Logged(position, cells);
  }

  /**
   * The bytes of {@code cell-snapshot-6}: an array of exactly their size, the snapshot's arrays
   * copied in bulk (a snapshot of a cell holding three days is some hundred kB, so per-value writes
   * through a growing stream cost more than the copy).
   */
  static byte[] snapshotBytes(CellSnapshot snap) {
    int n = snap.keys().length;
    int m = snap.maskedSlots().length;
    int w = snap.window().length;
    long[] pos = snap.positions();
    ByteBuffer b =
        ByteBuffer.allocate(
            Math.toIntExact(snapshotSize(n, m, w) + Long.BYTES + Integer.BYTES + 6L * pos.length));
    b.putInt(n).putInt(m).putInt(w);
    b.asLongBuffer().put(snap.keys());
    b.position(b.position() + Long.BYTES * n);
    putDoubles(b, snap.values());
    b.asLongBuffer().put(snap.maskedSlots());
    b.position(b.position() + Long.BYTES * m);
    putDoubles(b, snap.maskValues());
    putDoubles(b, snap.window());
    b.putInt(snap.outlierRun()).putInt(snap.inlierRun());
    b.put((byte) (snap.diverging() ? 1 : 0));
    b.putLong(snap.checked()).putLong(snap.judgedBefore());
    b.put((byte) snap.predictor());
    b.putLong(snap.heldFrom());
    b.putInt(pos.length / 2);
    for (int i = 0; i < pos.length; i += 2) {
      b.putInt(Math.toIntExact(pos[i])).putLong(pos[i + 1]);
    }
    return b.array();
  }

  /**
   * The size in bytes of a {@code cell-snapshot-4} record.
   *
   * @param keys rows held
   * @param masked masked slots
   * @param window the residual window's length
   * @return {@code 38 + 48 keys + 48 masked + 8 window}
   */
  static long snapshotSize(int keys, int masked, int window) {
    return 3L * Integer.BYTES
        + (long) (Long.BYTES + Observation.SERVICES * Double.BYTES) * (keys + (long) masked)
        + (long) Double.BYTES * window
        + 2L * Integer.BYTES
        + 1
        + 2L * Long.BYTES
        + 1;
  }

  private static void putDoubles(ByteBuffer b, double[] a) {
    b.asDoubleBuffer().put(a);
    b.position(b.position() + Double.BYTES * a.length);
  }

  private static long[] getLongs(ByteBuffer b, int n) {
    long[] a = new long[n];
    b.asLongBuffer().get(a);
    b.position(b.position() + Long.BYTES * n);
    return a;
  }

  private static double[] getDoubles(ByteBuffer b, int n) {
    double[] a = new double[n];
    b.asDoubleBuffer().get(a);
    b.position(b.position() + Double.BYTES * n);
    return a;
  }

  /** Reads {@code cell-snapshot-6}. */
  static CellSnapshot readSnapshot(byte[] bytes) {
    return readSnapshot(bytes, 6);
  }

  /**
   * Reads {@code cell-snapshot-6}, {@code cell-snapshot-5} (without the window's slot) or {@code
   * cell-snapshot-4} (without the window's slot and positions).
   */
  static CellSnapshot readSnapshot(byte[] bytes, int version) {
    boolean withPositions = version >= 5;
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int n = b.getInt();
      int m = b.getInt();
      int w = b.getInt();
      if (n < 0 || m < 0 || w < 0) {
        throw new BufferUnderflowException();
      }
      long fields = snapshotSize(n, m, w);
      long base = version >= 6 ? fields + Long.BYTES : fields;
      if (withPositions ? base + Integer.BYTES > bytes.length : base != bytes.length) {
        throw new BufferUnderflowException();
      }
      long heldFrom =
          version >= 6
              ? ByteBuffer.wrap(bytes, Math.toIntExact(fields), Long.BYTES).getLong()
              : CellSnapshot.ALL_HELD;
      long[] positions = new long[0];
      if (withPositions) {
        int k = ByteBuffer.wrap(bytes, Math.toIntExact(base), Integer.BYTES).getInt();
        if (k < 0 || base + Integer.BYTES + 12L * k != bytes.length) {
          throw new BufferUnderflowException();
        }
        ByteBuffer p = ByteBuffer.wrap(bytes, Math.toIntExact(base) + Integer.BYTES, 12 * k);
        positions = new long[2 * k];
        for (int i = 0; i < k; i++) {
          positions[2 * i] = p.getInt();
          positions[2 * i + 1] = p.getLong();
        }
      }
      long[] keys = getLongs(b, n);
      double[] values = getDoubles(b, Observation.SERVICES * n);
      long[] masked = getLongs(b, m);
      double[] maskValues = getDoubles(b, Observation.SERVICES * m);
      double[] window = getDoubles(b, w);
      return new CellSnapshot(
          keys,
          values,
          masked,
          maskValues,
          window,
          b.getInt(),
          b.getInt(),
          b.get() != 0,
          b.getLong(),
          b.getLong(),
          b.get(),
          positions,
          heldFrom);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new UncheckedIOException(
          "a corrupt dnt-live cell-snapshot-" + version + " record",
          new IOException("its lengths disagree with its " + bytes.length + " bytes", e));
    }
  }

  private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
    for (double x : a) {
      out.writeDouble(x);
    }
  }

  private static long[] readLongs(DataInputStream in, int n) throws IOException {
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readLong();
    }
    return a;
  }

  private static double[] readDoubles(DataInputStream in, int n) throws IOException {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readDouble();
    }
    return a;
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) {
    if (manifest.equals(CELL_SNAPSHOT)) {
      return readSnapshot(bytes, 6);
    }
    if (manifest.equals(CELL_SNAPSHOT_5)) {
      return readSnapshot(bytes, 5);
    }
    if (manifest.equals(CELL_SNAPSHOT_4)) {
      return readSnapshot(bytes, 4);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      switch (manifest) {
        case OBSERVED_1, OBSERVED_2, OBSERVED -> {
          List<Observation> rows = readRows(in);
          List<Verdict> verdicts =
              manifest.equals(OBSERVED_1) ? List.of() : readVerdicts(in, manifest.equals(OBSERVED));
          return new CellTwin.Observed(rows, verdicts);
        }
        case FLUSHED -> {
          List<Observation> rows = readRows(in);
          List<Verdict> verdicts = readVerdicts(in, true);
          return new CellTwin.Flushed(rows, verdicts, readPositions(in));
        }
        case LOGGED -> {
          return readLogged(in);
        }
        case LOG_SNAPSHOT -> {
          long position = in.readLong();
          long rows = in.readLong();
          int n = in.readInt();
          List<IngestLog.Logged> pending = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            pending.add(readLogged(in));
          }
          return new IngestLog.LogSnapshot(position, rows, pending);
        }
        case CELL_SNAPSHOT_1 -> {
          int n = in.readInt();
          long[] keys = readLongs(in, n);
          return CellSnapshot.telemetryOnly(keys, readDoubles(in, n * Observation.SERVICES));
        }
        case CELL_SNAPSHOT_2, CELL_SNAPSHOT_3 -> {
          int n = in.readInt();
          long[] keys = readLongs(in, n);
          double[] values = readDoubles(in, n * Observation.SERVICES);
          int m = in.readInt();
          long[] masked = readLongs(in, m);
          double[] maskValues = readDoubles(in, m * Observation.SERVICES);
          double[] window = readDoubles(in, in.readInt());
          return new CellSnapshot(
              keys,
              values,
              masked,
              maskValues,
              window,
              in.readInt(),
              in.readInt(),
              in.readBoolean(),
              in.readLong(),
              in.readLong(),
              manifest.equals(CELL_SNAPSHOT_3) ? in.readByte() : -1);
        }
        case COUNTED -> {
          return new TwinStats.Counted(in.readLong());
        }
        case DRAINED -> {
          return new IngestLog.Drained();
        }
        default ->
            throw new IllegalArgumentException(
                "unknown dnt-live manifest '" + manifest + "' (written by a newer version?)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a corrupt dnt-live " + manifest + " record", e);
    }
  }

  /**
   * Writes telemetry rows: their count, then per row the slot (long), the country code (int) and
   * the five services (doubles, {@code dnt.data.Service} order). The journal's events and the
   * cross-node {@code cell-observe} message ({@link MessageSerializer}) share this layout.
   */
  static void writeRows(DataOutputStream out, List<Observation> rows) throws IOException {
    out.writeInt(rows.size());
    for (Observation r : rows) {
      out.writeLong(r.slot());
      out.writeInt(r.countryCode());
      for (int s = 0; s < Observation.SERVICES; s++) {
        out.writeDouble(r.value(s));
      }
    }
  }

  /** Reads what {@link #writeRows} wrote. */
  static List<Observation> readRows(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<Observation> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(
          new Observation(
              in.readLong(),
              in.readInt(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble(),
              in.readDouble()));
    }
    return rows;
  }
}
