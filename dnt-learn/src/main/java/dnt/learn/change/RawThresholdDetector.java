package dnt.learn.change;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The simple baseline: a node's raw weighted degree and load, with nothing learned. A switched-off
 * station loses its degree and load, a new one gains them, a shift in traffic similarity moves the
 * degree.
 */
public final class RawThresholdDetector implements ChangeDetector {
  private final int loadFeature;

  /**
   * Creates the detector.
   *
   * @param loadFeature which node feature is the load
   */
  public RawThresholdDetector(int loadFeature) {
    this.loadFeature = loadFeature;
  }

  @Override
  public void fit(List<GraphSnapshot> baseline, RandomGenerator rng) {
    // nothing to learn: the robust baseline of ChangeMonitor is the whole model
  }

  @Override
  public double[] represent(GraphSnapshot g) {
    int n = g.nodes();
    double[] out = new double[2 * n];
    for (int i = 0; i < n; i++) {
      out[2 * i] = g.degree(i);
      out[2 * i + 1] = g.feature(i, loadFeature);
    }
    return out;
  }

  @Override
  public int width() {
    return 2;
  }
}
