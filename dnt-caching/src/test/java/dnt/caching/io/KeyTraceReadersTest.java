package dnt.caching.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LIRS and ARC readers on hand-written files, and against Caffeine's reading rule. */
final class KeyTraceReadersTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static long[] readAll(KeyStream keys) throws IOException {
    long[] out = new long[16];
    int n = 0;
    long[] batch = new long[3]; // a small batch, so that runs and lines cross batch boundaries
    for (int k = keys.read(batch); k > 0; k = keys.read(batch)) {
      if (n + k > out.length) {
        out = Arrays.copyOf(out, 2 * (n + k));
      }
      System.arraycopy(batch, 0, out, n, k);
      n += k;
    }
    return Arrays.copyOf(out, n);
  }

  private static long[] lirs(Path f) throws IOException {
    try (KeyStream k = TraceFormats.named("lirs").factory().opener().open(f)) {
      long[] keys = readAll(k);
      assertThat(k.count()).isEqualTo(keys.length);
      return keys;
    }
  }

  private static long[] arc(Path f) throws IOException {
    try (KeyStream k = TraceFormats.named("arc").factory().opener().open(f)) {
      long[] keys = readAll(k);
      assertThat(k.count()).isEqualTo(keys.length);
      return keys;
    }
  }

  @Test
  void lirsSkipsEmptyAndStarLinesAndTrimsEveryLine() throws IOException {
    // line 1 "5", line 2 empty, line 3 "*", line 4 " 7 \t" (trimmed), line 5 "-3" before \r\n,
    // line 6 "+8" ended by a lone \r (a terminator for BufferedReader), line 7 "9" without one
    Path f = file("t.lirs", "5\n\n*\n 7 \t\n-3\r\n+8\r9");
    try (KeyStream k = TraceFormats.named("keys").factory().opener().open(f)) {
      assertThat(k.count()).isEqualTo(5);
      assertThat(k.minKey()).isEqualTo(-3);
      assertThat(k.maxKey()).isEqualTo(9);
      assertThat(readAll(k)).containsExactly(5, 7, -3, 8, 9);
    }
  }

  @Test
  void lirsNamesTheLineOfAMalformedKey() throws IOException {
    for (String bad : new String[] {"1\n2\n3x\n", "1\n2\n1 2\n", "1\n2\n99999999999999999999\n"}) {
      Path f = file("bad.lirs", bad);
      assertThatThrownBy(() -> lirs(f))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("bad.lirs line 3: '")
          .hasMessageContaining("is not a key");
    }
  }

  @Test
  void anEmptyFileIsAnEmptyTrace() throws IOException {
    assertThat(lirs(file("e.lirs", ""))).isEmpty();
    assertThat(lirs(file("e2.lirs", "\n*\n\n"))).isEmpty();
  }

  @Test
  void aMissingFileIsBadInput() {
    assertThatThrownBy(() -> lirs(dir.resolve("none.lirs")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void lirsReadsWhatCaffeinesRuleReadsOnAnyMixOfLines() throws IOException {
    // Caffeine's LirsTraceReader, as a reference: lines(), trim, drop "*" and "", parseLong.
    // Over 200 KB, so lines cross the scanner's 64 KB buffer, with every terminator kind.
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder sb = new StringBuilder();
    String[] ends = {"\n", "\r\n", "\r"};
    for (int i = 0; i < 30_000; i++) {
      int kind = random.nextInt(10);
      String line =
          switch (kind) {
            case 0 -> "";
            case 1 -> "*";
            case 2 -> "  " + random.nextLong() + "\t";
            case 3 -> "-" + random.nextInt(1000);
            case 4 -> "+" + random.nextInt(1000);
            default -> Long.toString(random.nextLong(0, Long.MAX_VALUE));
          };
      sb.append(line).append(ends[random.nextInt(3)]);
    }
    String text = sb.toString();
    long[] expected =
        new BufferedReader(new StringReader(text))
            .lines()
            .map(String::trim)
            .filter(l -> !l.equals("*"))
            .filter(l -> !l.isEmpty())
            .mapToLong(Long::parseLong)
            .toArray();
    assertThat(text.length()).isGreaterThan(200_000);
    assertThat(lirs(file("mix.lirs", text))).containsExactly(expected);
  }

  @Test
  void arcExpandsEachLineIntoItsRunOfKeys() throws IOException {
    // "start length ignored requestNo": 10 3 -> 10, 11, 12; 5 1 -> 5; 7 0 -> nothing; -2 2 -> -2,
    // -1
    Path f = file("t.arc", "10 3 0 0\n5 1\n7 0 0 1\n  -2 2 x y z \n");
    try (KeyStream k = TraceFormats.named("arc").factory().opener().open(f)) {
      assertThat(k.count()).isEqualTo(6);
      assertThat(k.minKey()).isEqualTo(-2);
      assertThat(k.maxKey()).isEqualTo(12);
      assertThat(readAll(k)).containsExactly(10, 11, 12, 5, -2, -1);
    }
  }

  @Test
  void arcReadsWhatCaffeinesRuleReads() throws IOException {
    // Caffeine's ArcTraceReader, as a reference: split(" ", 3), parseLong, parseInt, range.
    SplittableRandom random = new SplittableRandom(3);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append(random.nextLong(0, 1L << 40))
          .append(' ')
          .append(random.nextInt(4))
          .append(" 0 ")
          .append(i)
          .append('\n');
    }
    String text = sb.toString();
    long[] expected =
        text.lines()
            .map(String::trim)
            .flatMapToLong(
                line -> {
                  String[] a = line.split(" ", 3);
                  long start = Long.parseLong(a[0]);
                  return LongStream.range(start, start + Integer.parseInt(a[1]));
                })
            .toArray();
    assertThat(arc(file("mix.arc", text))).containsExactly(expected);
  }

  @Test
  void arcNamesTheLineOfAMalformedRun() throws IOException {
    String[][] cases = {
      {"1 2\n3\n", "line 2: expected 'start length ...'"},
      {"1 2\n\n", "line 2: expected 'start length ...'"},
      {"1 2\nx 2\n", "line 2: start 'x' is not a whole number"},
      {"1 2\n3  2\n", "line 2: length '' is not a whole number"},
      {"1 2\n3 2.5\n", "line 2: length '2.5' is not a whole number"},
      {"1 2\n3 -1\n", "line 2: length -1 is negative"},
      {"1 2\n9223372036854775807 2\n", "line 2: the run 9223372036854775807 + 2 goes past"},
    };
    for (String[] c : cases) {
      Path f = file("bad.arc", c[0]);
      assertThatThrownBy(() -> arc(f))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("bad.arc " + c[1]);
    }
  }

  @Test
  void theFormatsAreRegisteredByNameInAnyCase() {
    assertThat(TraceFormats.FORMATS.names()).containsExactly("csv", "lirs", "arc", "binary");
    assertThat(TraceFormats.named("LIRS").name()).isEqualTo("lirs");
    assertThat(TraceFormats.named("keys").name()).isEqualTo("lirs");
    assertThat(TraceFormats.named("csv").factory().clients()).isTrue();
    assertThat(TraceFormats.named("arc").factory().writer()).isNull();
    assertThatThrownBy(() -> TraceFormats.named("parquet"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("known: csv, lirs, arc, binary");
  }
}
