package dnt.experiments.privacy;

import dnt.learn.codec.UpdateChannel;
import dnt.learn.codec.UpdateCodec;
import dnt.learn.codec.UpdateCodecs;
import dnt.learn.privacy.RdpAccountant;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One protection of a client's update, applied on the client before the server sees it: an update
 * codec (with its error-feedback memory), optionally after clipping to a norm and adding Gaussian
 * noise of standard deviation {@code z} times that norm (client-side, "local" DP noise: DP-FedAvg's
 * central noise is added by the server after it has seen the clipped update, so against a curious
 * server it is clipping only, the {@code clip} protection).
 *
 * @param name the name in the results ("qsgd-4", "dp-8", "qsgd-4+dp-8")
 * @param codec the codec's registry name
 * @param bits QSGD's bits (unused by other codecs)
 * @param density top-k's density (unused by other codecs)
 * @param clip whether the update is clipped
 * @param epsilon the DP epsilon whose noise is added, or 0 for no noise
 */
public record Protection(
    String name, String codec, int bits, double density, boolean clip, double epsilon) {
  /** Checks the fields. */
  public Protection {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(codec, "codec");
  }

  /** The unprotected update. */
  public static final Protection NONE = new Protection("none", "none", 4, 1, false, 0);

  /**
   * QSGD at some bits.
   *
   * @param bits bits a coordinate
   * @return the protection
   */
  public static Protection qsgd(int bits) {
    return new Protection("qsgd-" + bits, "qsgd", bits, 1, false, 0);
  }

  /**
   * Top-k at a density.
   *
   * @param density the kept share
   * @return the protection
   */
  public static Protection topK(double density) {
    return new Protection("top-k-" + number(density), "top-k", 4, density, false, 0);
  }

  /**
   * The scaled sign (EF-SignSGD), the negative control.
   *
   * @return the protection
   */
  public static Protection sign() {
    return new Protection("sign", "sign", 4, 1, false, 0);
  }

  /**
   * Clipping alone: what a curious server sees under DP-FedAvg with central noise.
   *
   * @return the protection
   */
  public static Protection clipOnly() {
    return new Protection("clip", "none", 4, 1, true, 0);
  }

  /**
   * Client-side Gaussian noise for an epsilon, optionally followed by QSGD.
   *
   * @param epsilon the epsilon
   * @param qsgdBits QSGD's bits, or 0 for no quantization
   * @return the protection
   */
  public static Protection dp(double epsilon, int qsgdBits) {
    String dp = "dp-" + number(epsilon);
    return qsgdBits == 0
        ? new Protection(dp, "none", 4, 1, true, epsilon)
        : new Protection("qsgd-" + qsgdBits + "+" + dp, "qsgd", qsgdBits, 1, true, epsilon);
  }

  private static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
  }

  /**
   * The noise multiplier: the smallest z whose {@code rounds} releases of the client's update (all
   * clients every round, q = 1) stay within (epsilon, delta) under the RDP accountant.
   *
   * @param delta the delta
   * @param rounds the releases
   * @return z, 0 without noise
   */
  public double noiseMultiplier(double delta, int rounds) {
    return epsilon == 0 ? 0 : RdpAccountant.noiseMultiplier(epsilon, delta, 1.0, rounds);
  }

  /**
   * A channel that protects updates of d parameters.
   *
   * @param d the parameter count
   * @param clipNorm the clipping norm (when clipped)
   * @param z the noise multiplier (0: none)
   * @return the channel
   */
  public Channel channel(int d, double clipNorm, double z) {
    UpdateCodec c =
        UpdateCodecs.REGISTRY.factory(codec).apply(new UpdateCodecs.Options(bits, density));
    return new Channel(new UpdateChannel(c, d), clip ? clipNorm : Double.POSITIVE_INFINITY, z);
  }

  /** A protection's uplink: clip, noise, codec; the codec's error-feedback memory per client. */
  public static final class Channel {
    private final UpdateChannel codec;
    private final double clip;
    private final double sd;

    Channel(UpdateChannel codec, double clip, double z) {
      this.codec = codec;
      this.clip = clip;
      this.sd = Double.isInfinite(clip) ? 0 : z * clip;
    }

    /**
     * Bytes of one update on the wire.
     *
     * @return the codec's size
     */
    public long bytes() {
      return codec.bytes();
    }

    /**
     * Protects and sends one update.
     *
     * @param client the client (its error-feedback memory)
     * @param update the update
     * @param random the noise's and the codec's randomness
     * @return what the server receives
     */
    public double[] send(String client, double[] update, RandomGenerator random) {
      double[] u = update.clone();
      if (!Double.isInfinite(clip)) {
        double ss = 0;
        for (double v : u) {
          ss += v * v;
        }
        double norm = Math.sqrt(ss);
        double s = norm > clip ? clip / norm : 1;
        for (int i = 0; i < u.length; i++) {
          u[i] = u[i] * s + (sd > 0 ? sd * random.nextGaussian() : 0);
        }
      }
      return codec.send(client, u, random);
    }
  }
}
