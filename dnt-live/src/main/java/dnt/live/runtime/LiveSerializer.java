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
 *   <li>{@code counted-1}: the row count (long).
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
  static final String CELL_SNAPSHOT = "cell-snapshot-4";
  static final String COUNTED = "counted-1";

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
        out.writeInt(e.verdicts().size());
        for (Verdict v : e.verdicts()) {
          out.writeLong(v.slot());
          out.writeDouble(v.observed());
          out.writeDouble(v.predicted());
          out.writeDouble(v.score());
          out.writeBoolean(v.outlier());
          out.writeBoolean(v.masked());
          writeDoubles(out, v.prediction());
          out.writeByte(v.predictor().code());
        }
      } else if (o instanceof TwinStats.Counted c) {
        out.writeLong(c.rows());
      } else {
        throw new IllegalArgumentException("dnt-live cannot serialize " + o.getClass().getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The bytes of {@code cell-snapshot-4}: an array of exactly their size, the snapshot's arrays
   * copied in bulk (a snapshot of a cell holding three days is some hundred kB, so per-value writes
   * through a growing stream cost more than the copy).
   */
  static byte[] snapshotBytes(CellSnapshot snap) {
    int n = snap.keys().length;
    int m = snap.maskedSlots().length;
    int w = snap.window().length;
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(snapshotSize(n, m, w)));
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

  /** Reads {@code cell-snapshot-4}. */
  static CellSnapshot readSnapshot(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int n = b.getInt();
      int m = b.getInt();
      int w = b.getInt();
      if (n < 0 || m < 0 || w < 0 || snapshotSize(n, m, w) != bytes.length) {
        throw new BufferUnderflowException();
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
          b.get());
    } catch (BufferUnderflowException e) {
      throw new UncheckedIOException(
          "a corrupt dnt-live " + CELL_SNAPSHOT + " record",
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
      return readSnapshot(bytes);
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      switch (manifest) {
        case OBSERVED_1, OBSERVED_2, OBSERVED -> {
          List<Observation> rows = readRows(in);
          List<Verdict> verdicts = new ArrayList<>();
          if (!manifest.equals(OBSERVED_1)) {
            int m = in.readInt();
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
                      manifest.equals(OBSERVED)
                          ? Predictor.ofCode(in.readByte())
                          : Predictor.SEASONAL_NAIVE));
            }
          }
          return new CellTwin.Observed(rows, verdicts);
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
