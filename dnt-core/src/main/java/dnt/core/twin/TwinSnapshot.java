package dnt.core.twin;

import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.PathGainMap;
import dnt.core.radio.Propagation;
import dnt.core.radio.PropagationModel;
import dnt.core.radio.RadioMapModel;
import dnt.core.radio.RadioMapModels;
import dnt.core.radio.RateModel;
import dnt.core.radio.RateModels;
import dnt.core.util.Progress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves and restores a twin exactly, in a compact big-endian binary format: the configuration,
 * every station and user with their internal state, the associations, the derived state (loads,
 * received powers, interference sums, bit for bit) and the order of the internal lists, so that a
 * restored twin answers every later event with the same delta as the saved one would.
 *
 * <p>Layout: magic {@code DNTT}, format version, configuration, stations, users, per-station user
 * lists, per-cell user lists. About 90 bytes per user.
 *
 * <p>Version 2 carries a radio-map twin's path loss ({@link RadioMapModels#MODELS}: {@code raymap},
 * {@code fused}): after the model's name and carrier, the fallback model's name and every station's
 * {@link PathGainMap} (grid, gains and reliability flags, 9 bytes per grid point), so a restored
 * map-based twin has the same model and answers later events alike. Version 1 snapshots (no maps)
 * are still read; a version 1 snapshot of a map-based twin, which could be written but never
 * restored, is refused with a message saying so.
 */
public final class TwinSnapshot {
  private static final int MAGIC = 0x444E5454; // "DNTT"
  private static final int VERSION = 2;
  private static final int FIRST_VERSION = 1;

  private TwinSnapshot() {}

  /**
   * Writes a snapshot to a file.
   *
   * @param twin the twin
   * @param file the file
   * @throws IOException if the file cannot be written
   */
  public static void save(NetworkTwin twin, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(twin, out);
    }
  }

  /**
   * Reads a snapshot from a file.
   *
   * @param file the file
   * @return the restored twin
   * @throws IOException if the file cannot be read
   */
  public static NetworkTwin load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a snapshot.
   *
   * @param twin the twin
   * @param stream where to write; not closed
   * @throws IOException if writing fails
   */
  public static void write(NetworkTwin twin, OutputStream stream) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    writeConfig(twin.config(), out);
    int ns = twin.stationCount();
    out.writeInt(ns);
    out.writeDouble(twin.maxRadius());
    for (int s = 0; s < ns; s++) {
      StationSpec spec = twin.stationSpecAt(s);
      out.writeInt(spec.id().value());
      out.writeDouble(spec.position().x());
      out.writeDouble(spec.position().y());
      out.writeDouble(spec.heightM());
      out.writeDouble(spec.txPowerDbm());
      out.writeDouble(spec.antennaGainDb());
      out.writeDouble(spec.capacityMbps());
      out.writeBoolean(twin.stationActiveAt(s));
      out.writeDouble(twin.stationLoadAt(s));
    }
    int nu = twin.userCount();
    out.writeInt(nu);
    int[] ids = twin.userIdArray();
    double[] heights = twin.userHeightArray();
    for (int u = 0; u < nu; u++) {
      out.writeInt(ids[u]);
      out.writeDouble(twin.userX(u));
      out.writeDouble(twin.userY(u));
      out.writeDouble(heights[u]);
      out.writeDouble(twin.userDemand(u));
      out.writeInt(twin.userServingIndex(u));
      out.writeDouble(twin.userSignal(u));
      out.writeDouble(twin.userInterference(u));
      out.writeInt(twin.userA3Target(u));
      out.writeDouble(twin.userA3Since(u));
    }
    for (int s = 0; s < ns; s++) {
      int n = twin.servedSize(s);
      out.writeInt(n);
      for (int k = 0; k < n; k++) {
        out.writeInt(twin.servedAt(s, k));
      }
    }
    int cells = twin.cellCount();
    out.writeInt(cells);
    for (int c = 0; c < cells; c++) {
      int n = twin.cellSize(c);
      out.writeInt(n);
      for (int k = 0; k < n; k++) {
        out.writeInt(twin.cellAt(c, k));
      }
    }
    out.flush();
  }

  /**
   * Reads a snapshot.
   *
   * @param stream the snapshot; not closed
   * @return the restored twin
   * @throws IOException if reading fails
   */
  public static NetworkTwin read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
    try {
      if (in.readInt() != MAGIC) {
        throw new InvalidInputException("not a dnt twin snapshot (bad magic number)");
      }
      int version = in.readInt();
      if (version < FIRST_VERSION || version > VERSION) {
        throw new InvalidInputException("unsupported twin snapshot version " + version);
      }
      TwinConfig config = readConfig(in, version);
      int ns = count(in.readInt(), "stations");
      new TwinFootprint(0, ns).requireFits(TwinFootprint.availableHeapBytes());
      double maxRadius = in.readDouble();
      List<StationSpec> stations = new ArrayList<>(ns);
      boolean[] active = new boolean[ns];
      double[] loads = new double[ns];
      for (int s = 0; s < ns; s++) {
        stations.add(
            new StationSpec(
                dnt.core.BaseStationId.of(in.readInt()),
                new dnt.core.geo.Position(in.readDouble(), in.readDouble()),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble()));
        active[s] = in.readBoolean();
        loads[s] = in.readDouble();
      }
      int nu = count(in.readInt(), "users");
      new TwinFootprint(nu, ns).requireFits(TwinFootprint.availableHeapBytes());
      int[] ids = new int[nu];
      double[] xs = new double[nu];
      double[] ys = new double[nu];
      double[] hs = new double[nu];
      double[] demands = new double[nu];
      int[] serving = new int[nu];
      double[] signal = new double[nu];
      double[] interference = new double[nu];
      int[] a3Target = new int[nu];
      double[] a3Since = new double[nu];
      for (int u = 0; u < nu; u++) {
        ids[u] = in.readInt();
        xs[u] = in.readDouble();
        ys[u] = in.readDouble();
        hs[u] = in.readDouble();
        demands[u] = in.readDouble();
        serving[u] = in.readInt();
        if (serving[u] < -1 || serving[u] >= ns) {
          throw new InvalidInputException(
              "user record " + u + " names station index " + serving[u]);
        }
        signal[u] = in.readDouble();
        interference[u] = in.readDouble();
        a3Target[u] = in.readInt();
        a3Since[u] = in.readDouble();
      }
      int[][] served = new int[ns][];
      for (int s = 0; s < ns; s++) {
        served[s] = readIndices(in, nu);
      }
      int cells = count(in.readInt(), "cells");
      int[][] cellLists = new int[cells][];
      for (int c = 0; c < cells; c++) {
        cellLists[c] = readIndices(in, nu);
      }
      NetworkTwin twin =
          NetworkTwin.create(
              config, stations, ids, xs, ys, hs, demands, serving, false, false, Progress.NONE);
      if (twin.cellCount() != cells) {
        throw new InvalidInputException(
            "snapshot grid has " + cells + " cells, expected " + twin.cellCount());
      }
      twin.restoreOrder(served, cellLists);
      twin.restoreExact(active, loads, maxRadius, signal, interference, a3Target, a3Since);
      return twin;
    } catch (EOFException e) {
      throw new InvalidInputException("the twin snapshot is truncated", e);
    }
  }

  private static int count(int n, String what) {
    if (n < 0) {
      throw new InvalidInputException("snapshot has a negative number of " + what);
    }
    return n;
  }

  private static int[] readIndices(DataInputStream in, int bound) throws IOException {
    int n = count(in.readInt(), "list entries");
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      out[k] = in.readInt();
      if (out[k] < 0 || out[k] >= bound) {
        throw new InvalidInputException("snapshot list names user index " + out[k]);
      }
    }
    return out;
  }

  private static void writeConfig(TwinConfig c, DataOutputStream out) throws IOException {
    GeoBounds a = c.area();
    out.writeDouble(a.minX());
    out.writeDouble(a.minY());
    out.writeDouble(a.maxX());
    out.writeDouble(a.maxY());
    LinkBudget l = c.links();
    out.writeUTF(l.model().name());
    out.writeDouble(l.model().carrierGhz());
    if (l.model() instanceof RadioMapModel m) {
      writeMaps(m, out);
    }
    out.writeUTF(l.losMode().name());
    out.writeBoolean(l.shadowing());
    out.writeLong(l.seed());
    out.writeDouble(c.bandwidthHz());
    out.writeDouble(c.noiseFigureDb());
    RateModel r = c.rate();
    out.writeUTF(r.name());
    for (double p : r.parameters()) {
      out.writeDouble(p);
    }
    out.writeDouble(c.floor().dbBelowNoise());
    out.writeDouble(c.handover().hysteresisDb());
    out.writeLong(c.handover().timeToTriggerMs());
    out.writeDouble(c.coverageRsrpDbm());
    out.writeDouble(c.gridCellM());
  }

  private static TwinConfig readConfig(DataInputStream in, int version) throws IOException {
    GeoBounds area =
        new GeoBounds(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
    String model = in.readUTF();
    double carrier = in.readDouble();
    PropagationModel propagation;
    if (RadioMapModels.MODELS.contains(model)) {
      if (version < 2) {
        throw new InvalidInputException(
            "this version "
                + version
                + " snapshot names the radio-map model '"
                + model
                + "' but holds no maps (before version 2 they were not saved); save the twin"
                + " again");
      }
      propagation = readMaps(model, carrier, in);
    } else {
      propagation = Propagation.byName(model, carrier);
    }
    LosMode los = LosMode.parse(in.readUTF());
    boolean shadowing = in.readBoolean();
    long seed = in.readLong();
    LinkBudget links = new LinkBudget(propagation, los, shadowing, seed);
    double bandwidth = in.readDouble();
    double nf = in.readDouble();
    RateModels.Factory rateFactory = RateModels.MODELS.factory(in.readUTF());
    double[] rateParameters = new double[rateFactory.parameterCount()];
    for (int i = 0; i < rateParameters.length; i++) {
      rateParameters[i] = in.readDouble();
    }
    RateModel rate = rateFactory.make(rateParameters);
    InterferenceFloor floor = new InterferenceFloor(in.readDouble());
    HandoverRule handover = new HandoverRule(in.readDouble(), in.readLong());
    return new TwinConfig(
        area, links, bandwidth, nf, rate, floor, handover, in.readDouble(), in.readDouble());
  }

  private static void writeMaps(RadioMapModel m, DataOutputStream out) throws IOException {
    out.writeUTF(m.fallback().name());
    out.writeInt(m.maps().size());
    for (PathGainMap g : m.maps()) {
      out.writeLong(g.stationKey());
      out.writeDouble(g.stationX());
      out.writeDouble(g.stationY());
      out.writeDouble(g.stationHeightM());
      out.writeDouble(g.carrierGhz());
      out.writeDouble(g.x(0));
      out.writeDouble(g.y(0));
      out.writeDouble(g.stepM());
      out.writeInt(g.columns());
      out.writeInt(g.rows());
      out.writeDouble(g.heightM());
      for (int j = 0; j < g.rows(); j++) {
        for (int i = 0; i < g.columns(); i++) {
          out.writeDouble(g.gainDb(i, j));
        }
      }
      for (int j = 0; j < g.rows(); j++) {
        for (int i = 0; i < g.columns(); i++) {
          out.writeBoolean(g.reliable(i, j));
        }
      }
    }
  }

  /** The largest grid a snapshot's map may have, points (a 10 km square at 1 m). */
  private static final long MAX_MAP_POINTS = 100_000_000L;

  private static PropagationModel readMaps(String model, double carrier, DataInputStream in)
      throws IOException {
    PropagationModel fallback = Propagation.byName(in.readUTF(), carrier);
    int n = count(in.readInt(), "path-gain maps");
    List<PathGainMap> maps = new ArrayList<>(Math.min(n, 1024));
    for (int k = 0; k < n; k++) {
      long key = in.readLong();
      double sx = in.readDouble();
      double sy = in.readDouble();
      double sh = in.readDouble();
      double ghz = in.readDouble();
      double ox = in.readDouble();
      double oy = in.readDouble();
      double step = in.readDouble();
      int columns = count(in.readInt(), "map columns");
      int rows = count(in.readInt(), "map rows");
      if ((long) columns * rows > MAX_MAP_POINTS) {
        throw new InvalidInputException(
            "snapshot map " + k + " has " + columns + " x " + rows + " points, too many");
      }
      double height = in.readDouble();
      double[] gains = new double[columns * rows];
      for (int i = 0; i < gains.length; i++) {
        gains[i] = in.readDouble();
      }
      boolean[] reliable = new boolean[gains.length];
      for (int i = 0; i < reliable.length; i++) {
        reliable[i] = in.readBoolean();
      }
      maps.add(
          new PathGainMap(
              key, sx, sy, sh, ghz, ox, oy, step, columns, rows, height, gains, reliable));
    }
    return RadioMapModels.MODELS.factory(model).make(fallback, maps);
  }
}
