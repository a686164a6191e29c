package dnt.data.raw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import dnt.data.milan.BundledData;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validating reader accepts the raw format's short rows and empty fields, and nothing bad. */
final class RawReaderTest {
  static final Path SAMPLE = BundledData.file(BundledData.RAW_SAMPLE);

  static List<RawRow> readAll(Path file) {
    List<RawRow> rows = new ArrayList<>();
    RawReader.read(file, BadRows.fail(), rows::add);
    return rows;
  }

  @Test
  void theBundledSampleReadsCompletelyIncludingItsShortRows() throws Exception {
    List<RawRow> rows = readAll(SAMPLE);
    // 143 rows: 142 newline-terminated lines and a last line without a newline.
    assertThat(rows).hasSize(143);
    // Count the short rows independently from the text.
    long fourFields =
        Files.readAllLines(SAMPLE).stream().filter(l -> l.split("\t", -1).length == 4).count();
    assertThat(fourFields).isEqualTo(40);
    assertThat(rows).allMatch(r -> r.cell() == 1);
    assertThat(rows.get(0).timeMillis()).isEqualTo(1_383_260_400_000L);
  }

  @Test
  void emptyAndMissingTrailingFieldsAreZero() {
    // Sample line 3: "1 <t> 0 0.13658782275823106 <empty> <empty> 0.02730046487718618" (7 fields).
    RawRow r = readAll(SAMPLE).get(2);
    assertThat(r.countryCode()).isZero();
    assertThat(r.smsIn()).isEqualTo(0.13658782275823106);
    assertThat(r.smsOut()).isZero();
    assertThat(r.callIn()).isZero();
    assertThat(r.callOut()).isEqualTo(0.02730046487718618);
    assertThat(r.internet()).isZero();
    // Line 1 has 4 fields: only smsin.
    RawRow first = readAll(SAMPLE).get(0);
    assertThat(first.smsIn()).isEqualTo(0.08136262351125882);
    assertThat(first.internet()).isZero();
  }

  @Test
  void gzipInputGivesTheSameRows(@TempDir Path dir) throws Exception {
    Path gz = dir.resolve("sample.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(SAMPLE, out);
    }
    assertThat(readAll(gz)).isEqualTo(readAll(SAMPLE));
  }

  @Test
  void theCsvReExportWithHeaderAndLocalDatetimesIsAccepted(@TempDir Path dir) throws Exception {
    Path csv =
        Files.writeString(
            dir.resolve("export.csv"),
            "datetime,CellID,countrycode,smsin,smsout,callin,callout,internet\n"
                + "2013-11-01 00:00:00,1,39,0.14,0.15,0.16,0.05,11.0\n"
                + "2013-11-01 00:10:00,1,0,0.13,,,0.027,\n");
    List<RawRow> rows = readAll(csv);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).timeMillis()).isEqualTo(1_383_260_400_000L);
    assertThat(rows.get(0).internet()).isEqualTo(11.0);
    assertThat(rows.get(1).timeMillis()).isEqualTo(1_383_261_000_000L);
    // Double.parseDouble of "0.027" is the double nearest 0.027, the literal below: 0 ulps apart
    assertThat(rows.get(1).callOut()).isCloseTo(0.027, within(1e-15));
    assertThat(rows.get(1).internet()).isZero();

    Path grid =
        Files.writeString(
            dir.resolve("grid.csv"),
            "GridID,TimeInterval,countrycode,internet\n5,1383260400000,39,3.5\n");
    assertThat(readAll(grid).get(0).cell()).isEqualTo(5);
  }

  @Test
  void eachKindOfBadRowIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
    String good = "1\t1383260400000\t39\t1.0\n";
    String[][] cases = {
      {"1\t1383260400000\n", "3 to 8"},
      {"1\t1383260400000\t39\t1\t2\t3\t4\t5\t6\n", "found 9"},
      {"0\t1383260400000\t39\t1\n", "outside the Milan grid"},
      {"10001\t1383260400000\t39\t1\n", "outside the Milan grid"},
      {"x\t1383260400000\t39\t1\n", "cell id 'x'"},
      {"1\t1383260400001\t39\t1\n", "10-minute slot"},
      {"1\t1383260400000\t-3\t1\n", "country code"},
      {"1\t1383260400000\t39\t-1.0\n", "negative"},
      {"1\t1383260400000\t39\t1.2.3\n", "smsin '1.2.3' is not a number"},
      {"1\t1383260400000\t39\t\t\t\t\tNaN\n", "internet 'NaN'"},
    };
    for (String[] c : cases) {
      Path f = Files.writeString(dir.resolve("bad.txt"), good + c[0]);
      assertThatThrownBy(() -> readAll(f))
          .as(c[0])
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith(f + ":2: ")
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void skippingCountsBadRowsKeepsTheFirstMessagesAndDropsNothingElse(@TempDir Path dir)
      throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      text.append("1\t1383260400000\t39\t1.0\n").append("1\tbad\t39\t1.0\n");
    }
    Path f = Files.writeString(dir.resolve("mixed.txt"), text);
    BadRows bad = BadRows.skip();
    List<RawRow> rows = new ArrayList<>();
    RawReader.Result result = RawReader.read(f, bad, rows::add);
    assertThat(rows).hasSize(8);
    assertThat(result.rowsRead()).isEqualTo(16);
    assertThat(result.rowsBad()).isEqualTo(8);
    assertThat(bad.firstMessages()).hasSize(BadRows.KEPT_MESSAGES);
    assertThat(bad.firstMessages().get(0)).startsWith(f + ":2: time 'bad'");
  }

  @Test
  void aFileThatIsNeitherRawNorAnExportIsRejected(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("notes.txt"), "hello,world\n");
    assertThatThrownBy(() -> readAll(f))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a raw Milan file");
  }

  @Test
  void negativeZeroReadsAsPlainZero(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("z.txt"), "1\t1383260400000\t39\t-0\t0.5\n");
    RawRow r = readAll(f).get(0);
    assertThat(Double.doubleToRawLongBits(r.smsIn())).isZero();
    assertThat(r.smsOut()).isEqualTo(0.5);
  }
}
