package dnt.learn.codec;

/**
 * Fixed-width unsigned integers packed into bytes, most significant bit first, after a header of
 * {@code offset} bytes. Widths 1 to 31 bits.
 */
final class BitPacking {
  private BitPacking() {}

  /**
   * Bytes for {@code count} values of {@code width} bits.
   *
   * @param count the values
   * @param width bits each
   * @return {@code ceil(count * width / 8)}
   */
  static long bytes(long count, int width) {
    return (count * width + 7) / 8;
  }

  /** Writes {@code value} (below {@code 2^width}) as the {@code index}-th field. */
  static void put(byte[] out, int offset, long index, int width, int value) {
    long bit = index * width;
    for (int b = width - 1; b >= 0; b--, bit++) {
      if (((value >>> b) & 1) != 0) {
        int at = offset + (int) (bit >>> 3);
        out[at] = (byte) (out[at] | (0x80 >>> (bit & 7)));
      }
    }
  }

  /** Reads the {@code index}-th field of {@code width} bits. */
  static int get(byte[] in, int offset, long index, int width) {
    long bit = index * width;
    int value = 0;
    for (int b = 0; b < width; b++, bit++) {
      int at = offset + (int) (bit >>> 3);
      value = (value << 1) | ((in[at] >>> (7 - (bit & 7))) & 1);
    }
    return value;
  }

  /** Writes a big-endian float32 at a byte offset. */
  static void putFloat(byte[] out, int offset, float value) {
    putInt(out, offset, Float.floatToRawIntBits(value));
  }

  /** Reads a big-endian float32 at a byte offset. */
  static float getFloat(byte[] in, int offset) {
    return Float.intBitsToFloat(getInt(in, offset));
  }

  /** Writes a big-endian int32 at a byte offset. */
  static void putInt(byte[] out, int offset, int value) {
    out[offset] = (byte) (value >>> 24);
    out[offset + 1] = (byte) (value >>> 16);
    out[offset + 2] = (byte) (value >>> 8);
    out[offset + 3] = (byte) value;
  }

  /** Reads a big-endian int32 at a byte offset. */
  static int getInt(byte[] in, int offset) {
    return ((in[offset] & 0xff) << 24)
        | ((in[offset + 1] & 0xff) << 16)
        | ((in[offset + 2] & 0xff) << 8)
        | (in[offset + 3] & 0xff);
  }
}
