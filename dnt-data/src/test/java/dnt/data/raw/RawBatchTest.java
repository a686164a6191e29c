package dnt.data.raw;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.data.milan.BundledData;
import dnt.data.store.ExportCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A telemetry batch parses like a raw file ({@link RawReader}'s field rules), lists every bad line
 * with its number, and knows the export's CSV as one total per (cell, slot).
 */
final class RawBatchTest {
  private static final long T0 = 1_383_260_400_000L; // 2013-11-01T00:00 Milan, a slot start

  private static RawBatch.Result parse(String body) {
    return RawBatch.parse(body);
  }

  @Test
  void threeFieldsMeanNoActivity() {
    RawBatch.Result r = parse("5\t" + T0 + "\t39\n");
    assertThat(r.ok()).isTrue();
    assertThat(r.format()).isEqualTo(RawBatch.Format.RAW);
    assertThat(r.rows()).containsExactly(new RawRow(5, T0, 39, 0, 0, 0, 0, 0));
  }

  @Test
  void eightFieldsCarryEveryService() {
    RawBatch.Result r = parse("5\t" + T0 + "\t39\t1.5\t2\t3e-2\t4\t5.25");
    assertThat(r.ok()).isTrue();
    assertThat(r.rows()).containsExactly(new RawRow(5, T0, 39, 1.5, 2, 0.03, 4, 5.25));
  }

  @Test
  void emptyFieldsAreZero() {
    RawBatch.Result r = parse("5\t" + T0 + "\t39\t\t2\t\t\t7\n");
    assertThat(r.rows()).containsExactly(new RawRow(5, T0, 39, 0, 2, 0, 0, 7));
  }

  @Test
  void nanNegativeAndBadNumbersAreReportedPerLineNamingTheField() {
    String body =
        String.join(
            "\n",
            "5\t" + T0 + "\t39\t1",
            "5\t" + T0 + "\t33\tNaN",
            "5\t" + T0 + "\t34\t1\t-2",
            "5\t" + T0 + "\t35\t1\t2\tabc",
            "5\t" + T0 + "\t36\t1");
    RawBatch.Result r = parse(body);
    assertThat(r.ok()).isFalse();
    assertThat(r.rows()).isEmpty(); // atomic: nothing of a bad batch is returned
    assertThat(r.badLines()).isEqualTo(3);
    assertThat(r.errors()).extracting(RawBatch.LineError::line).containsExactly(2L, 3L, 4L);
    assertThat(r.errors().get(0).message()).contains("smsin").contains("NaN");
    assertThat(r.errors().get(1).message()).contains("smsout").contains("negative");
    assertThat(r.errors().get(2).message()).contains("callin").contains("abc");
  }

  @Test
  void wrongFieldCountsAreReported() {
    RawBatch.Result r = parse("5\t" + T0 + "\n5\t" + T0 + "\t39\t1\t2\t3\t4\t5\t6\n");
    assertThat(r.errors()).extracting(RawBatch.LineError::line).containsExactly(1L, 2L);
    assertThat(r.errors()).allMatch(e -> e.message().contains("3 to 8"));
  }

  @Test
  void crlfLineEndsAndATrailingNewlineAreAccepted() {
    RawBatch.Result crlf = parse("5\t" + T0 + "\t39\t1\r\n6\t" + T0 + "\t39\t\t\t\t\t2\r\n");
    RawBatch.Result lf = parse("5\t" + T0 + "\t39\t1\n6\t" + T0 + "\t39\t\t\t\t\t2");
    assertThat(crlf.ok()).isTrue();
    assertThat(crlf.rows()).hasSize(2).isEqualTo(lf.rows());
  }

  @Test
  void blankLinesAreSkippedButCounted() {
    RawBatch.Result r = parse("\n5\t" + T0 + "\t39\n\n5\t" + (T0 + 1) + "\t39\n");
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(4));
    assertThat(r.errors().get(0).message()).contains("10-minute slot");
  }

  @Test
  void theExportHeaderIsDetectedAndKeysTotalsUnderTheReservedCode() {
    assertThat(RawBatch.EXPORT_HEADER).isEqualTo(ExportCsv.HEADER);
    String body = ExportCsv.HEADER + "\n5," + T0 + ",1.0,2.0,0.0,0.0,7.5\n";
    RawBatch.Result r = parse(body);
    assertThat(r.format()).isEqualTo(RawBatch.Format.EXPORT);
    assertThat(r.rows())
        .containsExactly(new RawRow(5, T0, RawBatch.TOTAL_COUNTRY_CODE, 1, 2, 0, 0, 7.5));
  }

  @Test
  void exportRowsNeedSevenFields() {
    RawBatch.Result r = parse(ExportCsv.HEADER + "\n5," + T0 + ",1.0\n");
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
    assertThat(r.errors().get(0).message()).contains("7 comma-separated fields");
  }

  @Test
  void theReexportHeaderWithCountryCodesIsDetected() {
    RawBatch.Result r =
        parse("GridID,TimeInterval,countrycode,internet\r\n5," + T0 + ",39,3.5\r\n");
    assertThat(r.format()).isEqualTo(RawBatch.Format.REEXPORT);
    assertThat(r.rows()).containsExactly(new RawRow(5, T0, 39, 0, 0, 0, 0, 3.5));
  }

  @Test
  void anUnknownHeaderIsOneErrorOnItsLine() {
    RawBatch.Result r = parse("\nfoo,bar\n1,2\n");
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
    assertThat(r.errors().get(0).message()).contains("header");
  }

  @Test
  void theReservedCountryCodeIsRefusedInRawRows() {
    RawBatch.Result r = parse("5\t" + T0 + "\t" + RawBatch.TOTAL_COUNTRY_CODE + "\t1\n");
    assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(1));
    assertThat(r.errors().get(0).message()).contains("reserved");
  }

  @Test
  void theListOfBadLinesIsCappedButTheCountIsNot() {
    StringBuilder b = new StringBuilder();
    int bad = RawBatch.MAX_LISTED_ERRORS + 7;
    for (int i = 0; i < bad; i++) {
      b.append("x\t").append(T0).append("\t39\n");
    }
    RawBatch.Result r = parse("5\t" + T0 + "\t39\n" + b);
    assertThat(r.badLines()).isEqualTo(bad);
    assertThat(r.errors()).hasSize(RawBatch.MAX_LISTED_ERRORS);
    assertThat(r.errors().get(0).line()).isEqualTo(2);
  }

  @Test
  void anEmptyBodyIsAnEmptyGoodBatch() {
    assertThat(parse("").ok()).isTrue();
    assertThat(parse("\n\r\n").rows()).isEmpty();
  }

  @Test
  void theBundledRawSampleParsesAsRawReaderReadsIt() throws Exception {
    Path sample = BundledData.file(BundledData.RAW_SAMPLE);
    List<RawRow> expected = new ArrayList<>();
    RawReader.read(sample, BadRows.fail(), expected::add);
    RawBatch.Result r = parse(Files.readString(sample));
    assertThat(r.ok()).isTrue();
    assertThat(r.rows()).isEqualTo(expected);
  }
}
