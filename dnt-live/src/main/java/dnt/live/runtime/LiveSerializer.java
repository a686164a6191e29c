package dnt.live.runtime;

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
 *   <li>{@code observed-1}: row count, then per row slot (long), country code (int) and the five
 *       services (doubles, {@code dnt.data.Service} order).
 *   <li>{@code cell-snapshot-1}: key count, the keys (longs), then the values (doubles).
 *   <li>{@code counted-1}: the row count (long).
 * </ul>
 */
public final class LiveSerializer extends SerializerWithStringManifest {
  /** The serializer id, unique among the system's serializers (Pekko reserves 0..40). */
  public static final int ID = 1_212_001;

  static final String OBSERVED = "observed-1";
  static final String CELL_SNAPSHOT = "cell-snapshot-1";
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
        out.writeInt(e.rows().size());
        for (Observation r : e.rows()) {
          out.writeLong(r.slot());
          out.writeInt(r.countryCode());
          for (int s = 0; s < Observation.SERVICES; s++) {
            out.writeDouble(r.value(s));
          }
        }
      } else if (o instanceof CellSnapshot snap) {
        out.writeInt(snap.keys().length);
        for (long k : snap.keys()) {
          out.writeLong(k);
        }
        for (double v : snap.values()) {
          out.writeDouble(v);
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

  @Override
  public Object fromBinary(byte[] bytes, String manifest) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      switch (manifest) {
        case OBSERVED -> {
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
          return new CellTwin.Observed(rows);
        }
        case CELL_SNAPSHOT -> {
          int n = in.readInt();
          long[] keys = new long[n];
          for (int i = 0; i < n; i++) {
            keys[i] = in.readLong();
          }
          double[] values = new double[n * Observation.SERVICES];
          for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
          }
          return new CellSnapshot(keys, values);
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
}
