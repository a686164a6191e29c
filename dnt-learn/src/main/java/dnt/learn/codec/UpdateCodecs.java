package dnt.learn.codec;

import dnt.core.Registry;
import java.util.function.Function;

/**
 * The update codecs by lowercase hyphenated name: a table on {@link Registry}, matched without
 * regard to letter case.
 *
 * <pre>{@code
 * UpdateCodec codec = UpdateCodecs.REGISTRY.factory("qsgd").apply(new Options(4, 0.01));
 * }</pre>
 */
public final class UpdateCodecs {
  private UpdateCodecs() {}

  /**
   * What a codec may be configured with.
   *
   * @param bits QSGD's bits a coordinate, sign included, in [2, 16] ({@code s = 2^(bits-1) - 1}
   *     levels)
   * @param density top-k's kept fraction of coordinates, in (0, 1]
   */
  public record Options(int bits, double density) {
    /** Checks the values. */
    public Options {
      if (bits < 2 || bits > 16) {
        throw new IllegalArgumentException("bits must be in [2, 16], got " + bits);
      }
      if (!(density > 0 && density <= 1)) {
        throw new IllegalArgumentException("density must be in (0, 1], got " + density);
      }
    }

    /**
     * The defaults: 4 bits, density 0.01.
     *
     * @return the defaults
     */
    public static Options defaults() {
      return new Options(4, 0.01);
    }
  }

  /** The table, in the order help texts list it. */
  public static final Registry<Function<Options, UpdateCodec>> REGISTRY =
      Registry.<Function<Options, UpdateCodec>>of("update codec")
          .add("none", "no compression, 4 bytes a parameter (float32)", o -> new NoCompression())
          .add(
              "qsgd",
              "QSGD stochastic quantization, unbiased, bits a coordinate (Alistarh et al. 2017)",
              o -> new Qsgd(o.bits()))
          .add(
              "sign",
              "scaled sign, 1 bit a coordinate, with error feedback (Karimireddy et al. 2019)",
              o -> new ScaledSign())
          .add(
              "top-k",
              "the largest density*d coordinates, with error feedback (Stich et al. 2018)",
              o -> new TopK(o.density()))
          .build();

  /**
   * No compression.
   *
   * @return the identity codec
   */
  public static UpdateCodec none() {
    return new NoCompression();
  }
}
