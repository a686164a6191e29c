package dnt.learn.change;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A representation of the twin graph in which a change of the physical network shows: fitted on an
 * unchanged period, then asked for each snapshot's per-node vectors ({@link ChangeMonitor} scores
 * them against a robust baseline). Implementations are registered in {@link
 * ChangeDetectors#REGISTRY}.
 */
public interface ChangeDetector {
  /**
   * Learns the unchanged network.
   *
   * @param baseline snapshots of the unchanged period, all with the same nodes
   * @param rng randomness the detector may use (initial weights)
   */
  void fit(List<GraphSnapshot> baseline, RandomGenerator rng);

  /**
   * The per-node vectors of a snapshot.
   *
   * @param g the snapshot
   * @return {@code nodes x width()} values, node by node
   */
  double[] represent(GraphSnapshot g);

  /**
   * The width of a node's vector.
   *
   * @return at least 1
   */
  int width();
}
