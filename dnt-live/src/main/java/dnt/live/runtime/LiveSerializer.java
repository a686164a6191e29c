package dnt.live.runtime;

import dnt.data.integrity.Predictor;
import dnt.data.integrity.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 *   <li>{@code cell-snapshot-3}: key count, keys (longs), values (doubles); masked slot count,
 *       slots (longs), their values (doubles); window length, residuals (doubles); outlier run,
 *       inlier run (ints), diverging (boolean), checked, judged-before slot (longs), the newest
 *       judgement's predictor code (byte, -1 for none). {@code cell-snapshot-2} (read only) has no
 *       predictor code; {@code cell-snapshot-1} (read only) is the telemetry part alone.
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
  static final String CELL_SNAPSHOT = "cell-snapshot-3";
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
      } else if (o instanceof CellSnapshot snap) {
        writeLongs(out, snap.keys());
        writeDoubles(out, snap.values());
        writeLongs(out, snap.maskedSlots());
        writeDoubles(out, snap.maskValues());
        out.writeInt(snap.window().length);
        writeDoubles(out, snap.window());
        out.writeInt(snap.outlierRun());
        out.writeInt(snap.inlierRun());
        out.writeBoolean(snap.diverging());
        out.writeLong(snap.checked());
        out.writeLong(snap.judgedBefore());
        out.writeByte(snap.predictor());
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

  private static void writeLongs(DataOutputStream out, long[] a) throws IOException {
    out.writeInt(a.length);
    for (long x : a) {
      out.writeLong(x);
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
        case CELL_SNAPSHOT_2, CELL_SNAPSHOT -> {
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
              manifest.equals(CELL_SNAPSHOT) ? in.readByte() : -1);
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
