package dnt.data.raw;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast scanner passes clean raw files, flags the first odd line, and hashes the content. */
final class RawScannerTest {
  @Test
  void theSampleIsCleanAndItsMd5MatchesAnIndependentDigest() throws Exception {
    RawScanner.Result r = RawScanner.scan(RawReaderTest.SAMPLE, true);
    assertThat(r.clean()).isTrue();
    assertThat(r.rows()).isEqualTo(143);
    assertThat(r.bytes()).isEqualTo(Files.size(RawReaderTest.SAMPLE));
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("MD5").digest(Files.readAllBytes(RawReaderTest.SAMPLE)));
    assertThat(r.md5()).isEqualTo(expected);
  }

  @Test
  void aGzipFileIsHashedOverItsDecompressedBytes(@TempDir Path dir) throws Exception {
    Path gz = dir.resolve("s.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(RawReaderTest.SAMPLE, out);
    }
    assertThat(RawScanner.scan(gz, true).md5())
        .isEqualTo(RawScanner.scan(RawReaderTest.SAMPLE, true).md5());
  }

  @Test
  void theFirstLineOutsideThePlainShapeIsFlagged(@TempDir Path dir) throws Exception {
    String good = "1\t1383260400000\t39\t1.5e-3\t\t\t\t2\n";
    String[] odd = {
      "1\t1383260400000\n",
      "1\t1383260400000\t39\t1\t2\t3\t4\t5\t6\n",
      "10001\t1383260400000\t39\t1\n",
      "1\t1383260400001\t39\t1\n",
      "1\t1383260400000\t39\t-1\n",
      "1\t1383260400000\t39\tNaN\n",
      "1\t1383260400000\t39\t1\r\n",
    };
    for (String line : odd) {
      Path f = Files.writeString(dir.resolve("f.txt"), good + good + line + good);
      RawScanner.Result r = RawScanner.scan(f, false);
      assertThat(r.firstSuspectLine()).as(line).isEqualTo(3);
    }
    Path noFinalNewline = Files.writeString(dir.resolve("g.txt"), good + "\n" + good.strip());
    RawScanner.Result r = RawScanner.scan(noFinalNewline, false);
    assertThat(r.clean()).isTrue();
    assertThat(r.rows()).isEqualTo(2);
  }

  @Test
  void linesAcrossBufferBoundariesAreCountedAndLocated(@TempDir Path dir) throws Exception {
    StringBuilder text = new StringBuilder();
    int lines = 60_000; // about 2.6 MB: several 1 MiB buffers
    for (int i = 0; i < lines; i++) {
      text.append(1 + i % 10_000)
          .append("\t1383260400000\t39\t")
          .append(i)
          .append(".25\t\t\t\t7\n");
    }
    Path clean = Files.writeString(dir.resolve("big.txt"), text);
    RawScanner.Result r = RawScanner.scan(clean, false);
    assertThat(r.clean()).isTrue();
    assertThat(r.rows()).isEqualTo(lines);
    assertThat(r.bytes()).isEqualTo(Files.size(clean));
    String bad = text.toString().replace("\t59998.25\t", "\t59998.25x\t");
    assertThat(
            RawScanner.scan(Files.writeString(dir.resolve("bad.txt"), bad), false)
                .firstSuspectLine())
        .isEqualTo(59_999);
  }

  private static String day(long t0, int cells) {
    StringBuilder b = new StringBuilder();
    for (int c = 1; c <= cells; c++) {
      for (int t = 0; t < 3; t++) {
        b.append(c).append('\t').append(t0 + t * 600_000L).append("\t39\t1\n");
        b.append(c).append('\t').append(t0 + t * 600_000L).append("\t33\n");
      }
    }
    return b.toString();
  }

  @Test
  void itTellsWhenNoKeyCanOccurTwice(@TempDir Path dir) throws Exception {
    long t0 = 1_383_260_400_000L;
    long nextDay = t0 + 86_400_000L;
    // One sorted day, and two different days concatenated: every key once.
    assertThat(scan(dir, "a.txt", day(t0, 3)).keysInOrder()).isTrue();
    assertThat(scan(dir, "b.txt", day(t0, 3) + day(nextDay, 3)).keysInOrder()).isTrue();
    // The same day twice, a country code twice in a (cell, slot), overlapping runs: not known.
    assertThat(scan(dir, "c.txt", day(t0, 3) + day(t0, 3)).keysInOrder()).isFalse();
    assertThat(scan(dir, "d.txt", "1\t" + t0 + "\t39\t1\n1\t" + t0 + "\t39\t2\n").keysInOrder())
        .isFalse();
    assertThat(scan(dir, "e.txt", day(t0, 2) + day(t0 + 600_000L, 1)).keysInOrder()).isFalse();
    // Every line is still in the plain shape.
    assertThat(scan(dir, "f.txt", day(t0, 3) + day(t0, 3)).clean()).isTrue();
  }

  private static RawScanner.Result scan(Path dir, String name, String text) throws Exception {
    return RawScanner.scan(Files.writeString(dir.resolve(name), text), false);
  }
}
