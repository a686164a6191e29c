package dnt.learn.fl.cost;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The network a method's messages cross: each station's access hop (its backhaul to its cluster
 * head) and, in a hierarchy, the metro hop from the heads to the cloud. A flat network has no metro
 * hop: the station's one link reaches the server directly, as in the study's {@link
 * dnt.learn.fl.CostLedger}, and cluster heads sit with the server.
 *
 * @param access each station's access hop, in station order (at least one)
 * @param classes each station's backhaul class, in station order (empty for a flat network)
 * @param metro the heads' hop to the cloud, or null for a flat network
 */
public record CostNetwork(List<Hop> access, List<BackhaulClass> classes, @Nullable Hop metro) {
  /** Checks the lists. */
  public CostNetwork {
    access = List.copyOf(access);
    classes = List.copyOf(classes);
    if (access.isEmpty()) {
      throw new IllegalArgumentException("a network needs at least one station");
    }
    if (!classes.isEmpty() && classes.size() != access.size()) {
      throw new IllegalArgumentException(
          "one backhaul class per station: " + classes.size() + " for " + access.size());
    }
  }

  /**
   * A flat one-hop network: every station's link reaches the server, as the study's ledger prices
   * it ({@code bytes / rate + latency}, one latency for all).
   *
   * @param bytesPerSecond each station's link rate, B/s
   * @param latencySeconds the latency of every message
   * @return the network
   */
  public static CostNetwork flat(double[] bytesPerSecond, double latencySeconds) {
    List<Hop> hops = new ArrayList<>(bytesPerSecond.length);
    for (double r : bytesPerSecond) {
      hops.add(new Hop(r, latencySeconds));
    }
    return new CostNetwork(hops, List.of(), null);
  }

  /**
   * A hierarchy: stations -> cluster heads over their backhaul class's hop, heads -> cloud over the
   * metro hop.
   *
   * @param classes each station's class ({@link BackhaulMix#assign})
   * @param fibre the fibre hop
   * @param microwave the microwave hop
   * @param wireless the wireless hop ({@link WirelessBackhaul#hop()})
   * @param metro the heads' metro hop to the cloud
   * @return the network
   */
  public static CostNetwork hierarchical(
      List<BackhaulClass> classes, Hop fibre, Hop microwave, Hop wireless, Hop metro) {
    List<Hop> hops = new ArrayList<>(classes.size());
    for (BackhaulClass c : classes) {
      hops.add(
          switch (c) {
            case FIBRE -> fibre;
            case MICROWAVE -> microwave;
            case WIRELESS -> wireless;
          });
    }
    return new CostNetwork(hops, classes, Objects.requireNonNull(metro, "metro"));
  }

  /**
   * The number of stations.
   *
   * @return the count
   */
  public int stations() {
    return access.size();
  }

  /**
   * Whether the network has a metro hop (heads apart from the cloud).
   *
   * @return true for a hierarchy
   */
  public boolean hierarchical() {
    return metro != null;
  }

  /**
   * Seconds of one message between station i and its head.
   *
   * @param station the station
   * @param bytes the message size
   * @return the time on its access hop
   */
  public double accessSeconds(int station, double bytes) {
    return access.get(station).seconds(bytes);
  }

  /**
   * Seconds of one message between a head and the cloud; 0 on a flat network (no such hop).
   *
   * @param bytes the message size
   * @return the time on the metro hop
   */
  public double metroSeconds(double bytes) {
    Hop m = metro;
    return m == null ? 0 : m.seconds(bytes);
  }

  /**
   * The summed time of one message of the given size from every station to its head.
   *
   * @param bytes the message size
   * @return the sum over stations of the access time
   */
  public double accessSecondsAllStations(double bytes) {
    double s = 0;
    for (int i = 0; i < access.size(); i++) {
      s += accessSeconds(i, bytes);
    }
    return s;
  }
}
