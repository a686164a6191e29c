package dnt.learn.deploy.agent;

/**
 * A hybrid action over the nodes of a graph: one category and two continuous values per node.
 *
 * @param category each node's category
 * @param z each node's two Gaussian draws before squashing, node by node ({@code 2 x nodes})
 */
public record HybridAction(int[] category, double[] z) {
  /** Copies and checks the lengths. */
  public HybridAction {
    if (z.length != 2 * category.length) {
      throw new IllegalArgumentException(
          "two draws per node: " + category.length + " nodes, " + z.length + " draws");
    }
    category = category.clone();
    z = z.clone();
  }

  /**
   * A node's first continuous value, squashed into (0, 1).
   *
   * @param node the node
   * @return the value
   */
  public double first(int node) {
    return HybridMath.squash(z[2 * node]);
  }

  /**
   * A node's second continuous value, squashed into (0, 1).
   *
   * @param node the node
   * @return the value
   */
  public double second(int node) {
    return HybridMath.squash(z[2 * node + 1]);
  }
}
