package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The parallel parser reads every value as {@link Double#parseDouble} does, refuses what the
 * validating reader would report, and its check across chunks finds a (cell, slot) in two places.
 */
final class SlotSumParserTest {
  private static final long T0 = 1_383_260_400_000L;

  private static SlotSumParser parse(String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    SlotSumParser p = new SlotSumParser();
    p.start(0, b, b.length);
    return p;
  }

  @Test
  void valuesParseExactlyAsDoubleParseDouble() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      String v =
          switch (i % 5) {
            case 0 -> Double.toString(rnd.nextDouble() * Math.pow(10, rnd.nextInt(-8, 9)));
            case 1 -> String.format(Locale.ROOT, "%." + rnd.nextInt(0, 20) + "f", rnd.nextDouble());
            case 2 -> Long.toString(rnd.nextLong(0, Long.MAX_VALUE)) + "." + rnd.nextInt(0, 1000);
            case 3 -> "0." + "0".repeat(rnd.nextInt(0, 25)) + rnd.nextLong(1, 1_000_000_000_000L);
            default -> rnd.nextInt(0, 100_000) + "e" + rnd.nextInt(-30, 30);
          };
      SlotSumParser p = parse("7\t" + T0 + "\t39\t" + v + "\n");
      assertThat(p.next()).isTrue();
      assertThat(p.sums[0]).as(v).isEqualTo(Double.parseDouble(v));
    }
  }

  @Test
  void linesTheValidatingReaderWouldReportStopTheParse() {
    for (String line :
        new String[] {
          "0\t" + T0 + "\t39\t1\n", // cell 0
          "10001\t" + T0 + "\t39\t1\n", // outside the grid
          "7\t" + (T0 + 1) + "\t39\t1\n", // not a slot start
          "7\t" + T0 + "\n", // two fields
          "7\t" + T0 + "\t39\t1\t2\t3\t4\t5\t6\n", // nine fields
          "7\t" + T0 + "\t39\t-1\n", // negative
          "7\t" + T0 + "\t39\t1.2.3\n", // not a number
          "7\t" + T0 + "\t39\t1e999\n", // not finite
          "7\t" + T0 + "\t39\t.\n", // no digit
          "7\t" + T0 + "\t39\t1\r\n", // a carriage return
          "7\t" + T0 + "\t39\t1\n7\t" + T0 + "\t39\t2\n" // a country code twice in a slot
        }) {
      SlotSumParser p = parse(line);
      assertThatThrownBy(p::next).as(line).isInstanceOf(SlotSumParser.NotPlain.class);
    }
  }

  /** Parses a text in chunks cut where the reader cuts them, and checks across the chunks. */
  private static boolean keysDistinct(String text, int chunkBytes) throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("keys", ".txt");
    try {
      java.nio.file.Files.writeString(f, text, StandardCharsets.ISO_8859_1);
      List<SlotSumParser.ChunkSummary> all = new ArrayList<>();
      try (RawChunkReader r = new RawChunkReader(f, false, chunkBytes)) {
        for (RawChunkReader.Chunk c = r.next(); c != null; c = r.next()) {
          SlotSumParser p = new SlotSumParser();
          p.start(c.seq(), c.bytes(), c.length());
          while (p.next()) {
            // parse the chunk
          }
          p.finish();
          all.addAll(p.summaries());
        }
      }
      return SlotSumParser.keysDistinct(all);
    } finally {
      java.nio.file.Files.delete(f);
    }
  }

  private static String day(long start, int cells, int slots) {
    StringBuilder b = new StringBuilder();
    for (int c = 1; c <= cells; c++) {
      for (int s = 0; s < slots; s++) {
        b.append(c).append('\t').append(start + s * 600_000L).append("\t39\t1\n");
        b.append(c).append('\t').append(start + s * 600_000L).append("\t40\t1\n");
      }
    }
    return b.toString();
  }

  @Test
  void aCellAndSlotInTwoPlacesOfTheFileIsFoundAcrossChunks() throws Exception {
    String one = day(T0, 5, 12);
    String next = day(T0 + 86_400_000L, 5, 12);
    for (int chunk : new int[] {40, 100, 333, 1 << 20}) {
      assertThat(keysDistinct(one, chunk)).isTrue();
      // days concatenated: runs with disjoint time ranges
      assertThat(keysDistinct(one + next, chunk)).isTrue();
      // two runs whose time ranges touch without sharing a slot
      assertThat(keysDistinct(day(T0, 2, 3) + day(T0 + 3 * 600_000L, 2, 3), chunk)).isTrue();
      // the same day twice, and two runs that share slots 1 and 2
      assertThat(keysDistinct(one + one, chunk)).isFalse();
      assertThat(keysDistinct(day(T0, 2, 3) + day(T0 + 600_000L, 2, 3), chunk)).isFalse();
    }
  }
}
