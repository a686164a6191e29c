package dnt.learn.privacy.inversion;

/**
 * An attack's guess of a client's batch: one input window (the network's flattened closeness and
 * period windows) and one target per sample, in no particular order.
 *
 * @param inputs the guessed input windows, {@code [B][inputs]}
 * @param targets the guessed targets, B values
 */
public record Reconstruction(double[][] inputs, double[] targets) {
  /** Copies the arrays and checks the shapes. */
  public Reconstruction {
    if (inputs.length != targets.length) {
      throw new IllegalArgumentException(
          inputs.length + " windows but " + targets.length + " targets");
    }
    double[][] copy = new double[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      copy[i] = inputs[i].clone();
    }
    inputs = copy;
    targets = targets.clone();
  }

  @Override
  public double[][] inputs() {
    double[][] copy = new double[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      copy[i] = inputs[i].clone();
    }
    return copy;
  }

  @Override
  public double[] targets() {
    return targets.clone();
  }

  /**
   * The guess of a server that learnt nothing: every window and target at 0 (the cell's training
   * mean, in z-score units).
   *
   * @param batch B
   * @param inputs values of a window
   * @return zeros
   */
  static Reconstruction zeros(int batch, int inputs) {
    return new Reconstruction(new double[batch][inputs], new double[batch]);
  }
}
