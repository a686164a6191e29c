package dnt.learn.codec;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Top-k sparsification (Aji and Heafield, "Sparse Communication for Distributed Gradient Descent",
 * EMNLP 2017; with memory, Stich, Cordonnier and Jaggi, "Sparsified SGD with Memory", NeurIPS
 * 2018): the {@code k = max(1, ceil(density d))} coordinates of largest magnitude (ties to the
 * lower index), each sent as its index (int32) and value (float32), 8 bytes a kept coordinate.
 * Biased; {@link UpdateChannel} adds the error feedback (memory) of Stich et al., which also
 * carries the float32 rounding of the kept values to the next round.
 */
final class TopK implements UpdateCodec {
  private final double density;

  /**
   * A top-k codec.
   *
   * @param density the kept fraction of coordinates, in (0, 1]
   */
  TopK(double density) {
    if (!(density > 0 && density <= 1)) {
      throw new IllegalArgumentException("top-k density must be in (0, 1], got " + density);
    }
    this.density = density;
  }

  /**
   * The kept coordinates for d parameters.
   *
   * @param d the parameter count
   * @return {@code max(1, ceil(density d))}, at most d
   */
  int k(int d) {
    return (int) Math.min(d, Math.max(1, Math.ceil(density * d)));
  }

  @Override
  public long bytes(int d) {
    return 8L * k(d);
  }

  @Override
  public byte[] encode(double[] update, RandomGenerator random) {
    int d = update.length;
    int k = k(d);
    // the k-th largest magnitude, then every coordinate above it and, in index order, as many
    // at it as fill k (ties to the lower index)
    double[] magnitudes = new double[d];
    for (int i = 0; i < d; i++) {
      magnitudes[i] = Math.abs(update[i]);
    }
    double[] sorted = magnitudes.clone();
    Arrays.sort(sorted);
    double threshold = sorted[d - k];
    int above = 0;
    for (double m : magnitudes) {
      if (m > threshold) {
        above++;
      }
    }
    int ties = k - above;
    int[] kept = new int[k];
    int j = 0;
    for (int i = 0; i < d; i++) {
      if (magnitudes[i] > threshold || (magnitudes[i] == threshold && ties-- > 0)) {
        kept[j++] = i;
      }
    }
    byte[] out = new byte[Math.toIntExact(bytes(d))];
    for (j = 0; j < k; j++) {
      BitPacking.putInt(out, 8 * j, kept[j]);
      BitPacking.putFloat(out, 8 * j + 4, (float) update[kept[j]]);
    }
    return out;
  }

  @Override
  public double[] decode(byte[] message, int d) {
    UpdateCodec.checkLength(this, message, d);
    double[] x = new double[d];
    for (int j = 0; j < k(d); j++) {
      int i = BitPacking.getInt(message, 8 * j);
      if (i < 0 || i >= d) {
        throw new IllegalArgumentException("top-k index " + i + " outside [0, " + d + ")");
      }
      x[i] = BitPacking.getFloat(message, 8 * j + 4);
    }
    return x;
  }

  @Override
  public boolean unbiased() {
    return false;
  }

  @Override
  public String toString() {
    return "top-k (density " + density + ")";
  }
}
