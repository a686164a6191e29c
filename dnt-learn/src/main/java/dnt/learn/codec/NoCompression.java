package dnt.learn.codec;

import java.util.random.RandomGenerator;

/**
 * No compression: the update as float32 values, 4 bytes a parameter (the twins' models are
 * float32). It is the {@link #identity() identity}: the channel hands the server the client's
 * update as computed, in double precision, exactly as federated training did before codecs existed;
 * {@link #encode} and {@link #decode} show the wire format, which rounds to float32.
 */
final class NoCompression implements UpdateCodec {
  @Override
  public long bytes(int d) {
    return 4L * d;
  }

  @Override
  public byte[] encode(double[] update, RandomGenerator random) {
    byte[] out = new byte[Math.toIntExact(bytes(update.length))];
    for (int i = 0; i < update.length; i++) {
      BitPacking.putFloat(out, 4 * i, (float) update[i]);
    }
    return out;
  }

  @Override
  public double[] decode(byte[] message, int d) {
    UpdateCodec.checkLength(this, message, d);
    double[] x = new double[d];
    for (int i = 0; i < d; i++) {
      x[i] = BitPacking.getFloat(message, 4 * i);
    }
    return x;
  }

  @Override
  public boolean unbiased() {
    return true;
  }

  @Override
  public boolean identity() {
    return true;
  }

  @Override
  public String toString() {
    return "none";
  }
}
