package dnt.learn.online;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained twinning on disk, so a twin restarted on the same state folder keeps its models: a
 * versioned binary file ({@value #FORMAT}) with the network's name and size, the cluster twins, the
 * global model, every client's cluster and scaler, and the counters. Written to a temporary file in
 * the same folder and moved into place, so a crash leaves the previous file or the new one whole.
 */
public final class TwinningFile {
  /** The format marker at the start of the file. */
  public static final String FORMAT = "dnt-twinning-1";

  private TwinningFile() {}

  /**
   * Writes a twinning.
   *
   * @param file the target
   * @param t the twinning
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, OnlineTwinning t) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os))) {
        write(out, t);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void write(DataOutputStream out, OnlineTwinning t) throws IOException {
    OnlineSettings s = t.settings();
    out.writeUTF(FORMAT);
    out.writeUTF(s.architecture().name());
    out.writeInt(s.architecture().parameterCount());
    out.writeUTF(s.windows().toString());
    out.writeLong(t.version());
    out.writeLong(t.applied());
    out.writeLong(t.rejected());
    out.writeLong(t.trainedThrough());
    out.writeInt(t.twins().size());
    for (float[] w : t.twins()) {
      floats(out, w);
    }
    floats(out, t.global());
    for (long v : t.clusterVersions()) {
      out.writeLong(v);
    }
    List<Double> losses = t.losses();
    out.writeInt(losses.size());
    for (double l : losses) {
      out.writeDouble(l);
    }
    out.writeInt(t.clientMap().size());
    for (OnlineTwinning.Client c : t.clientMap().values()) {
      out.writeUTF(c.id);
      out.writeDouble(c.x);
      out.writeDouble(c.y);
      out.writeInt(c.cluster);
      out.writeDouble(c.scaler.mean());
      out.writeDouble(c.scaler.std());
      out.writeLong(c.updates);
      out.writeLong(c.rejected);
      out.writeLong(c.lastStaleness);
    }
  }

  private static void floats(DataOutputStream out, float[] w) throws IOException {
    out.writeInt(w.length);
    for (float x : w) {
      out.writeFloat(x);
    }
  }

  /**
   * Reads a twinning written for the same network.
   *
   * @param file the file
   * @param settings the settings it is to continue under
   * @return the twinning
   * @throws IOException if the file cannot be read or is not a twinning file
   * @throws IllegalArgumentException if it was trained for another network or windows
   */
  public static OnlineTwinning read(Path file, OnlineSettings settings) throws IOException {
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
      String format = in.readUTF();
      if (!FORMAT.equals(format)) {
        throw new IOException(file + " is not a " + FORMAT + " file (found '" + format + "')");
      }
      String name = in.readUTF();
      int d = in.readInt();
      String windows = in.readUTF();
      if (!name.equals(settings.architecture().name())
          || d != settings.architecture().parameterCount()
          || !windows.equals(settings.windows().toString())) {
        throw new IllegalArgumentException(
            file
                + " holds a "
                + name
                + " with "
                + d
                + " parameters on "
                + windows
                + ", not the configured "
                + settings.architecture().name()
                + " with "
                + settings.architecture().parameterCount()
                + " on "
                + settings.windows());
      }
      long version = in.readLong();
      long applied = in.readLong();
      long rejected = in.readLong();
      long through = in.readLong();
      int k = in.readInt();
      List<float[]> twins = new ArrayList<>(k);
      for (int c = 0; c < k; c++) {
        twins.add(floats(in, d));
      }
      float[] global = floats(in, d);
      long[] versions = new long[k];
      for (int c = 0; c < k; c++) {
        versions[c] = in.readLong();
      }
      int nl = in.readInt();
      List<Double> losses = new ArrayList<>(nl);
      for (int i = 0; i < nl; i++) {
        losses.add(in.readDouble());
      }
      int n = in.readInt();
      Map<String, OnlineTwinning.Client> clients = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String id = in.readUTF();
        double x = in.readDouble();
        double y = in.readDouble();
        int cluster = in.readInt();
        if (cluster < 0 || cluster >= k) {
          throw new IOException(file + " is damaged: client " + id + " has cluster " + cluster);
        }
        SeriesScaler scaler = new SeriesScaler(in.readDouble(), in.readDouble());
        OnlineTwinning.Client c = new OnlineTwinning.Client(id, x, y, cluster, scaler);
        c.updates = in.readLong();
        c.rejected = in.readLong();
        c.lastStaleness = in.readLong();
        clients.put(id, c);
      }
      return new OnlineTwinning(
          settings, twins, global, versions, clients, losses, version, applied, rejected, through);
    }
  }

  private static float[] floats(DataInputStream in, int d) throws IOException {
    int n = in.readInt();
    if (n != d) {
      throw new IOException("a model of " + n + " parameters where " + d + " were expected");
    }
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = in.readFloat();
    }
    return w;
  }
}
