package dnt.caching.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dnt's binary key format: its bytes, its round trip and its refusals. */
final class BinaryKeysTest {
  @TempDir Path dir;

  /** Keys held in memory, as a stream. */
  static KeyStream keys(long... keys) {
    return new KeyStream() {
      private int at;

      @Override
      public long count() {
        return keys.length;
      }

      @Override
      public long minKey() {
        return Arrays.stream(keys).min().orElse(0);
      }

      @Override
      public long maxKey() {
        return Arrays.stream(keys).max().orElse(0);
      }

      @Override
      public int read(long[] out) {
        int k = Math.min(out.length, keys.length - at);
        System.arraycopy(keys, at, out, 0, k);
        at += k;
        return k;
      }

      @Override
      public void close() {}
    };
  }

  private static byte[] bytes(KeyStream keys, BinaryKeys.Encoding encoding) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryKeys.write(keys, out, encoding);
    return out.toByteArray();
  }

  private long[] roundTrip(byte[] bytes) throws IOException {
    Path f = Files.write(dir.resolve("t.dntk"), bytes);
    try (KeyStream k = BinaryKeys.open(f)) {
      long[] read = KeyTraceReadersTest.readAll(k);
      assertThat(k.count()).isEqualTo(read.length);
      return read;
    }
  }

  @Test
  void theBytesOfASmallVarintTraceAreAsDocumented() throws IOException {
    // keys 0, 1, 300, -1: zigzag 0, 2, 600, 1; LEB128 00 | 02 | 600 = 0b100_1011000 -> D8 04 | 01
    byte[] b = bytes(keys(0, 1, 300, -1), BinaryKeys.Encoding.VARINT);
    assertThat(HexFormat.of().formatHex(b))
        .isEqualTo(
            "444e544b" // DNTK
                + "01" // version
                + "01" // varint
                + "0000" // reserved
                + "0000000000000004" // count
                + "ffffffffffffffff" // min -1
                + "000000000000012c" // max 300
                + "00"
                + "02"
                + "d804"
                + "01");
    assertThat(roundTrip(b)).containsExactly(0, 1, 300, -1);
  }

  @Test
  void theBytesOfASmallFixedTraceAreAsDocumented() throws IOException {
    byte[] b = bytes(keys(258, Long.MIN_VALUE), BinaryKeys.Encoding.FIXED);
    assertThat(HexFormat.of().formatHex(b))
        .isEqualTo(
            "444e544b0100"
                + "0000"
                + "0000000000000002"
                + "8000000000000000"
                + "0000000000000102"
                + "0000000000000102"
                + "8000000000000000");
    assertThat(roundTrip(b)).containsExactly(258, Long.MIN_VALUE);
  }

  @Test
  void anyKeysRoundTripInBothEncodings() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    long[] keys = new long[100_000]; // about 1 MB of varints: the reader refills its buffer
    for (int i = 0; i < keys.length; i++) {
      keys[i] =
          switch (i % 4) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(1 << 20);
            case 2 -> -random.nextInt(1000);
            default -> i % 8 == 3 ? Long.MAX_VALUE : Long.MIN_VALUE;
          };
    }
    for (BinaryKeys.Encoding e : BinaryKeys.Encoding.values()) {
      assertThat(roundTrip(bytes(keys(keys), e))).containsExactly(keys);
    }
    assertThat(roundTrip(bytes(keys(), BinaryKeys.Encoding.VARINT))).isEmpty();
  }

  @Test
  void theWriterPicksVarintUpToSevenBytesAKey() {
    // zigzag(2^48 - 1) = 2^49 - 2 < 2^49: at most 7 varint bytes; zigzag(2^48) = 2^49: 8 bytes
    assertThat(BinaryKeys.encodingFor(0, (1L << 48) - 1)).isEqualTo(BinaryKeys.Encoding.VARINT);
    assertThat(BinaryKeys.encodingFor(0, 1L << 48)).isEqualTo(BinaryKeys.Encoding.FIXED);
    assertThat(BinaryKeys.encodingFor(-(1L << 48), 0)).isEqualTo(BinaryKeys.Encoding.VARINT);
    assertThat(BinaryKeys.encodingFor(-(1L << 48) - 1, 0)).isEqualTo(BinaryKeys.Encoding.FIXED);
  }

  @Test
  void damagedFilesAreRefusedWithTheReason() throws IOException {
    byte[] good = bytes(keys(5, 6, 7), BinaryKeys.Encoding.VARINT);
    assertThatThrownBy(() -> roundTrip(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is truncated: its header announces 3 keys, it holds 2");
    assertThatThrownBy(() -> roundTrip(Arrays.copyOf(good, good.length + 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("has bytes after its 3 keys (from byte 35)");
    assertThatThrownBy(() -> roundTrip(Arrays.copyOf(good, 20)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("its header has 20 bytes");
    byte[] magic = good.clone();
    magic[3] = 'X';
    assertThatThrownBy(() -> roundTrip(magic))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is not a dnt binary trace");
    byte[] version = good.clone();
    version[4] = 2;
    assertThatThrownBy(() -> roundTrip(version))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("of version 2; this reader reads 1");
    byte[] range = good.clone();
    range[good.length - 1] = 8 << 1; // key 8, above the header's largest key 7
    assertThatThrownBy(() -> roundTrip(range))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("key 8 (request 3, byte 34) is outside the header's range 5 to 7");
    byte[] encoding = good.clone();
    encoding[5] = 9;
    assertThatThrownBy(() -> roundTrip(encoding))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown key encoding 9");
  }

  @Test
  void lirsToBinaryAndBackGivesTheSameText() throws IOException {
    Path lirs = Files.writeString(dir.resolve("t.lirs"), "3\n-1\n4000000000\n3\n");
    ByteArrayOutputStream bin = new ByteArrayOutputStream();
    try (KeyStream k = TraceFormats.named("lirs").factory().opener().open(lirs)) {
      Objects.requireNonNull(TraceFormats.named("binary").factory().writer()).write(k, bin);
    }
    Path b = Files.write(dir.resolve("t.dntk"), bin.toByteArray());
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (KeyStream k = BinaryKeys.open(b)) {
      Objects.requireNonNull(TraceFormats.named("lirs").factory().writer()).write(k, text);
    }
    assertThat(text.toString(java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("3\n-1\n4000000000\n3\n");
  }
}
