package dnt.live.runtime;

import java.util.List;

/**
 * Where the runtime's node sits in the cluster, in plain values (the public face maps its {@code
 * ClusterSettings} here).
 *
 * @param bindHost the local address Artery binds
 * @param host the address other nodes reach this one at (Artery's canonical host)
 * @param port the Artery port, 0 for any free one
 * @param seedNodes the seed nodes as {@code host:port}, in order; empty: the node joins itself
 */
public record NodeSettings(String bindHost, String host, int port, List<String> seedNodes) {
  /** Copies the list. */
  public NodeSettings {
    seedNodes = List.copyOf(seedNodes);
  }

  /**
   * A node of its own on an address.
   *
   * @param host the address, bound and advertised
   * @param port the port, 0 for any free one
   * @return the settings
   */
  public static NodeSettings single(String host, int port) {
    return new NodeSettings(host, host, port, List.of());
  }
}
