package dnt.learn.codec;

import java.util.random.RandomGenerator;

/**
 * QSGD stochastic quantization (Alistarh, Grubic, Li, Tomioka and Vojnovic, "QSGD:
 * Communication-Efficient SGD via Gradient Quantization and Encoding", NeurIPS 2017, Sec. 3.1):
 * {@code Q_s(v)_i = ||v||_2 sgn(v_i) xi_i}, where, with {@code r = |v_i| / ||v||_2} in {@code [l/s,
 * (l+1)/s]}, {@code xi_i = (l+1)/s} with probability {@code s r - l} and {@code l/s} otherwise.
 * Unbiased, with {@code E||Q(v) - v||^2 <= min(d/s^2, sqrt(d)/s) ||v||^2} (their Lemma 3.1).
 *
 * <p>On the wire: the norm as float32, then per coordinate a sign bit and the level {@code l} in
 * {@code b - 1} bits, packed ({@code s = 2^(b-1) - 1} levels for {@code b} bits a coordinate). The
 * paper's Elias coding of the levels, which pays off for very sparse level vectors, is not used: a
 * fixed width keeps the size a function of {@code d} alone, which the simulated clock needs. The
 * float32 norm is rounded up, so every {@code r <= 1} and the code stays exactly unbiased.
 */
final class Qsgd implements UpdateCodec {
  private final int bits;
  private final int levels;

  /**
   * A QSGD codec.
   *
   * @param bits bits a coordinate including the sign, 2 to 16
   */
  Qsgd(int bits) {
    if (bits < 2 || bits > 16) {
      throw new IllegalArgumentException("QSGD bits must be in [2, 16], got " + bits);
    }
    this.bits = bits;
    this.levels = (1 << (bits - 1)) - 1;
  }

  /**
   * The quantization levels s.
   *
   * @return {@code 2^(bits-1) - 1}
   */
  int levels() {
    return levels;
  }

  /**
   * The norm as sent: the float32 at or above the double norm.
   *
   * @param update the update
   * @return the transmitted norm
   */
  static float transmittedNorm(double[] update) {
    double sum = 0;
    for (double x : update) {
      sum += x * x;
    }
    double norm = Math.sqrt(sum);
    float f = (float) norm;
    return f < norm ? Math.nextUp(f) : f;
  }

  @Override
  public long bytes(int d) {
    return 4 + BitPacking.bytes(d, bits);
  }

  @Override
  public byte[] encode(double[] update, RandomGenerator random) {
    byte[] out = new byte[Math.toIntExact(bytes(update.length))];
    float norm = transmittedNorm(update);
    BitPacking.putFloat(out, 0, norm);
    if (norm == 0) {
      return out;
    }
    for (int i = 0; i < update.length; i++) {
      double r = Math.abs(update[i]) / norm * levels;
      int l = (int) Math.floor(r);
      if (l < levels && random.nextDouble() < r - l) {
        l++;
      }
      int sign = update[i] < 0 ? 1 : 0;
      BitPacking.put(out, 4, i, bits, (sign << (bits - 1)) | l);
    }
    return out;
  }

  @Override
  public double[] decode(byte[] message, int d) {
    UpdateCodec.checkLength(this, message, d);
    double norm = BitPacking.getFloat(message, 0);
    double[] x = new double[d];
    int mask = (1 << (bits - 1)) - 1;
    for (int i = 0; i < d; i++) {
      int field = BitPacking.get(message, 4, i, bits);
      double v = norm * (field & mask) / levels;
      x[i] = (field >>> (bits - 1)) != 0 ? -v : v;
    }
    return x;
  }

  @Override
  public boolean unbiased() {
    return true;
  }

  @Override
  public String toString() {
    return "qsgd (" + bits + " bits, s = " + levels + ")";
  }
}
