package dnt.live;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a live twin's node sits in a Pekko cluster (docs/cluster.md): the address its Artery
 * transport binds, the address other nodes reach it at, its port, and the seed nodes it joins. With
 * no seed nodes the node forms a cluster of its own (the single-node twin); with seed nodes it
 * joins theirs, or forms it when its own address is the first seed.
 *
 * @param bindHost the local address Artery listens on
 * @param host the address other nodes reach this one at (Artery's canonical host name)
 * @param port the Artery port, 0 for any free one (only without seed nodes)
 * @param seeds the seed nodes, in order; empty for a single node
 */
public record ClusterSettings(String bindHost, String host, int port, List<SeedNode> seeds) {
  /** The default host: this machine only. */
  public static final String LOCALHOST = "127.0.0.1";

  /**
   * Checks the values and copies the seeds.
   *
   * @throws InvalidInputException for a blank host or a port out of range
   */
  public ClusterSettings {
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(host, "host");
    seeds = List.copyOf(seeds);
    if (bindHost.isBlank() || host.isBlank()) {
      throw new InvalidInputException("the node's bind and advertised hosts must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new InvalidInputException("the node port " + port + " is not a port (0..65535)");
    }
    if (port == 0 && !seeds.isEmpty()) {
      throw new InvalidInputException(
          "a node that joins seed nodes needs a fixed node port (1..65535), not 0");
    }
  }

  /**
   * A single node on 127.0.0.1 and a free port, its own cluster: the default of {@code dnt serve}.
   *
   * @return the settings
   */
  public static ClusterSettings single() {
    return new ClusterSettings(LOCALHOST, LOCALHOST, 0, List.of());
  }

  /**
   * Whether this node joins (or forms) a cluster with seed nodes, rather than running alone.
   *
   * @return true with seed nodes
   */
  public boolean clustered() {
    return !seeds.isEmpty();
  }

  /**
   * A seed node's address.
   *
   * @param host its host name or address
   * @param port its Artery port, 1..65535
   */
  public record SeedNode(String host, int port) {
    /**
     * Checks the values.
     *
     * @throws InvalidInputException for a blank host or a port out of range
     */
    public SeedNode {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new InvalidInputException("a seed node's host is blank");
      }
      if (port < 1 || port > 65_535) {
        throw new InvalidInputException(
            "seed node " + host + ":" + port + " has a port out of range (1..65535)");
      }
    }

    /**
     * Parses {@code HOST:PORT} ({@code [ADDRESS]:PORT} for an IPv6 address).
     *
     * @param text the text
     * @return the seed node
     * @throws InvalidInputException naming the text if it is not {@code HOST:PORT}
     */
    public static SeedNode parse(String text) {
      String t = text.strip();
      int colon = t.lastIndexOf(':');
      if (colon <= 0 || colon == t.length() - 1) {
        throw new InvalidInputException("seed node '" + text + "' is not HOST:PORT");
      }
      String host = t.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.contains(":")) {
        throw new InvalidInputException(
            "seed node '" + text + "' is not HOST:PORT (write an IPv6 address as [ADDRESS]:PORT)");
      }
      int port;
      try {
        port = Integer.parseInt(t.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "seed node '" + text + "' has no port number after the colon", e);
      }
      return new SeedNode(host, port);
    }

    /**
     * Parses a comma-separated list of {@code HOST:PORT}.
     *
     * @param text the list
     * @return the seed nodes, in order
     * @throws InvalidInputException naming the entry at fault
     */
    public static List<SeedNode> parseList(String text) {
      List<SeedNode> out = new ArrayList<>();
      for (String part : text.split(",", -1)) {
        out.add(parse(part));
      }
      return out;
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }
}
