package dnt.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

final class ResultTableTest {
  private record Row(String system, int seed, double mse) {}

  private static final ResultTable<Row> TABLE =
      ResultTable.<Row>of()
          .quotedColumn("system", Row::system)
          .column("seed", Row::seed)
          .column("mse", "%.3f", Row::mse);

  @Test
  void theHeaderAndTheValuesComeFromOneColumnList() throws IOException {
    StringBuilder out = new StringBuilder();
    TABLE.write(out, List.of(new Row("RL w/ DNT", 42, 0.12345), new Row("LRU", 43, 2)));
    assertThat(out.toString())
        .isEqualTo("system,seed,mse\n\"RL w/ DNT\",42,0.123\n\"LRU\",43,2.000\n");
    assertThat(TABLE.header()).containsExactly("system", "seed", "mse");
  }

  @Test
  void valuesThatNeedQuotingAreQuotedAndReadBackUnchanged() throws IOException {
    ResultTable<Row> plain =
        ResultTable.<Row>of().column("system", Row::system).column("seed", Row::seed);
    StringBuilder out = new StringBuilder();
    plain.write(out, List.of(new Row("a, \"b\"", 1, 0), new Row("c", 2, 0)));
    assertThat(out.toString()).isEqualTo("system,seed\n\"a, \"\"b\"\"\",1\nc,2\n");
    List<CSVRecord> back =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .get()
            .parse(new StringReader(out.toString()))
            .getRecords();
    assertThat(back.get(0).get("system")).isEqualTo("a, \"b\"");
    assertThat(back.get(1).get("seed")).isEqualTo("2");
  }

  @Test
  void numbersAreFormattedWithoutTheDefaultLocale() throws IOException {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      assertThat(TABLE.cells(new Row("x", 1, 1.5))).containsExactly("x", "1", "1.500");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void aColumnDeclaredTwiceIsRefused() {
    assertThatThrownBy(() -> TABLE.column("seed", Row::seed))
        .hasMessage("column 'seed' is declared twice");
  }
}
