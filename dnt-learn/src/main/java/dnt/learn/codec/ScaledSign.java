package dnt.learn.codec;

import java.util.random.RandomGenerator;

/**
 * The scaled sign compressor of EF-SignSGD (Karimireddy, Rebjock, Stich and Jaggi, "Error Feedback
 * Fixes SignSGD and other Gradient Compression Schemes", ICML 2019, Alg. 2): {@code C(p) = (||p||_1
 * / d) sign(p)}, one bit a coordinate and the scale as float32. Biased; {@link UpdateChannel} adds
 * their error feedback. A zero coordinate is sent as positive.
 */
final class ScaledSign implements UpdateCodec {
  @Override
  public long bytes(int d) {
    return 4 + BitPacking.bytes(d, 1);
  }

  @Override
  public byte[] encode(double[] update, RandomGenerator random) {
    byte[] out = new byte[Math.toIntExact(bytes(update.length))];
    double l1 = 0;
    for (double x : update) {
      l1 += Math.abs(x);
    }
    BitPacking.putFloat(out, 0, (float) (l1 / update.length));
    for (int i = 0; i < update.length; i++) {
      if (update[i] < 0) {
        BitPacking.put(out, 4, i, 1, 1);
      }
    }
    return out;
  }

  @Override
  public double[] decode(byte[] message, int d) {
    UpdateCodec.checkLength(this, message, d);
    double scale = BitPacking.getFloat(message, 0);
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = BitPacking.get(message, 4, i, 1) != 0 ? -scale : scale;
    }
    return x;
  }

  @Override
  public boolean unbiased() {
    return false;
  }

  @Override
  public String toString() {
    return "sign";
  }
}
