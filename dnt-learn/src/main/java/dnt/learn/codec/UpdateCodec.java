package dnt.learn.codec;

import java.util.random.RandomGenerator;

/**
 * A compression of one federated update into the bytes that cross the link, and back: what the
 * server sees is {@code decode(encode(x))}. A codec is stateless; the error-feedback memory that
 * the biased codecs need lives in {@link UpdateChannel}. Every codec's message for {@code d}
 * parameters has exactly {@link #bytes(int)} bytes, so the cost model and the simulated clock know
 * the size before the update exists.
 */
public interface UpdateCodec {
  /**
   * Bytes of one encoded update of {@code d} parameters.
   *
   * @param d the parameter count, at least 1
   * @return the message size
   */
  long bytes(int d);

  /**
   * Encodes an update.
   *
   * @param update the update, finite values
   * @param random the randomness of stochastic codecs (unused by deterministic ones)
   * @return a message of {@link #bytes(int) bytes(update.length)} bytes
   */
  byte[] encode(double[] update, RandomGenerator random);

  /**
   * Decodes a message of this codec.
   *
   * @param message a message from {@link #encode}
   * @param d the parameter count
   * @return what the server sees, length d
   * @throws IllegalArgumentException if the message does not have {@link #bytes(int) bytes(d)}
   *     bytes
   */
  double[] decode(byte[] message, int d);

  /**
   * Whether {@code decode(encode(x))} is {@code x} in expectation over the randomness (QSGD) or
   * exactly (no compression). A biased codec (sign, top-k) is used with error feedback.
   *
   * @return true for unbiased codecs
   */
  boolean unbiased();

  /**
   * Whether the server sees the client's update exactly as computed, so the channel need not encode
   * at all ({@code none}).
   *
   * @return true only for the identity
   */
  default boolean identity() {
    return false;
  }

  /**
   * Checks a message's length against {@link #bytes(int)}.
   *
   * @param codec the codec
   * @param message the message
   * @param d the parameter count
   */
  static void checkLength(UpdateCodec codec, byte[] message, int d) {
    if (message.length != codec.bytes(d)) {
      throw new IllegalArgumentException(
          "a message of "
              + d
              + " parameters has "
              + codec.bytes(d)
              + " bytes, got "
              + message.length);
    }
  }
}
