package dnt.live.cluster;

import java.util.List;

/**
 * A cluster-wide view (the alerts, the board of newest values) that cannot be answered whole: some
 * members of the cluster did not answer in time (leaving, unreachable, just joined and not yet
 * registered, or overloaded), and an answer without them would silently miss the cells they host.
 * Retrying is safe and usually succeeds once the cluster has settled; the HTTP API answers it 503.
 */
public final class NodesUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** The addresses of the members that did not answer, ascending. */
  @SuppressWarnings("serial") // an immutable List.copyOf; the exception is never serialized
  private final List<String> nodes;

  /**
   * The refusal.
   *
   * @param view what was asked, e.g. {@code the alerts}
   * @param nodes the addresses of the members that did not answer
   * @param seconds how long each was waited for
   */
  public NodesUnavailableException(String view, List<String> nodes, long seconds) {
    super(
        "the cluster's "
            + (nodes.size() == 1 ? "node " : "nodes ")
            + String.join(", ", nodes)
            + " did not answer for "
            + view
            + " within "
            + seconds
            + " s, and an answer without "
            + (nodes.size() == 1 ? "it" : "them")
            + " would miss the cells "
            + (nodes.size() == 1 ? "it hosts" : "they host")
            + "; retry");
    this.nodes = List.copyOf(nodes);
  }

  /**
   * The members that did not answer.
   *
   * @return their addresses, ascending
   */
  public List<String> nodes() {
    return nodes;
  }
}
