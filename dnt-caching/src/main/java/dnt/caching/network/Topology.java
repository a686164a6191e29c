package dnt.caching.network;

import dnt.core.InvalidInputException;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.random.RandomGenerator;

/**
 * Which stations each client can reach: one or two, the first being its home station. A shared
 * topology has one station that every client reaches (a single cache).
 */
public final class Topology {
  private final int stations;
  private final Int2ObjectOpenHashMap<int[]> byClient;
  private final boolean shared;

  private Topology(int stations, Int2ObjectOpenHashMap<int[]> byClient, boolean shared) {
    this.stations = stations;
    this.byClient = byClient;
    this.shared = shared;
  }

  /**
   * One cache shared by every client.
   *
   * @return the topology
   */
  public static Topology shared() {
    return new Topology(1, new Int2ObjectOpenHashMap<>(), true);
  }

  /**
   * Starts an explicit association.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The brief's default layout (reconstructed): {@code stations} stations on a ring, {@code
   * clientsPerStation} home clients each (client c's home is c / clientsPerStation), and a random
   * {@code overlap} fraction of clients also attached to the next or previous station on the ring.
   *
   * @param stations the number of stations, at least 1
   * @param clientsPerStation home clients per station, at least 1
   * @param overlap the fraction of clients with a second station, in [0, 1]
   * @param random the source of randomness
   * @return the topology
   */
  public static Topology ring(
      int stations, int clientsPerStation, double overlap, RandomGenerator random) {
    if (stations < 1 || clientsPerStation < 1 || overlap < 0 || overlap > 1) {
      throw new IllegalArgumentException(
          "need stations >= 1, clientsPerStation >= 1 and overlap in [0, 1]");
    }
    Builder b = builder();
    for (int c = 0; c < stations * clientsPerStation; c++) {
      int home = c / clientsPerStation;
      if (stations > 1 && random.nextDouble() < overlap) {
        int step = random.nextBoolean() ? 1 : stations - 1;
        b.attach(c, home, 0);
        b.attach(c, (home + step) % stations, 0);
      } else {
        b.attach(c, home, 0);
      }
    }
    return b.build();
  }

  /**
   * The number of stations.
   *
   * @return the count
   */
  public int stationCount() {
    return stations;
  }

  /**
   * Whether this is a single shared cache.
   *
   * @return true for {@link #shared()}
   */
  public boolean isShared() {
    return shared;
  }

  /**
   * The client's stations, home first; empty when the client has none.
   *
   * @param client the client
   * @return one or two station indices (do not modify)
   */
  public int[] stationsOf(int client) {
    if (shared) {
      return SINGLE;
    }
    int[] s = byClient.get(client);
    return s == null ? NONE : s;
  }

  /**
   * The number of clients with an explicit association (0 for a shared topology).
   *
   * @return the count
   */
  public int clientCount() {
    return byClient.size();
  }

  private static final int[] SINGLE = {0};
  private static final int[] NONE = {};

  /** Builds an explicit association, checking at most two stations per client. */
  public static final class Builder {
    private final Int2ObjectOpenHashMap<int[]> byClient = new Int2ObjectOpenHashMap<>();
    private int maxStation = -1;

    private Builder() {}

    /**
     * Attaches a client to a station; the first station attached is the home station.
     *
     * @param client the client, non-negative
     * @param station the station index, non-negative
     * @param line the input line, for error messages (0 when not from a file)
     * @return this builder
     * @throws InvalidInputException for a third station or a repeated pair
     */
    public Builder attach(int client, int station, long line) {
      String where = line > 0 ? "line " + line + ": " : "";
      if (client < 0 || station < 0) {
        throw new InvalidInputException(
            where + "client and station must be non-negative, got " + client + "," + station);
      }
      int[] s = byClient.get(client);
      if (s == null) {
        byClient.put(client, new int[] {station});
      } else if (s.length == 1) {
        if (s[0] == station) {
          throw new InvalidInputException(
              where + "client " + client + " is attached to station " + station + " twice");
        }
        byClient.put(client, new int[] {s[0], station});
      } else {
        throw new InvalidInputException(
            where + "client " + client + " has more than two stations (at most two allowed)");
      }
      maxStation = Math.max(maxStation, station);
      return this;
    }

    /**
     * The topology; stations are numbered 0..max station index, and every one of them must have a
     * client: a station without one would be an empty cache that still counts in the load
     * imbalance, the overload threshold and the statistics (as with stations numbered from 1).
     *
     * @return the topology
     * @throws InvalidInputException when no client was attached, or a station index below the
     *     largest has no client
     */
    public Topology build() {
      if (byClient.isEmpty()) {
        throw new InvalidInputException("the association lists no client");
      }
      IntOpenHashSet used = new IntOpenHashSet();
      for (int[] stations : byClient.values()) {
        for (int s : stations) {
          used.add(s);
        }
      }
      if (used.size() != maxStation + 1) {
        int gap = 0;
        while (used.contains(gap)) {
          gap++;
        }
        throw new InvalidInputException(
            "station "
                + gap
                + " has no client; stations are numbered 0.."
                + maxStation
                + " without gaps");
      }
      return new Topology(maxStation + 1, byClient, false);
    }
  }
}
