package dnt.serve;

import static dnt.serve.Fixtures.SLOT;
import static dnt.serve.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Doubles print exactly as DuckDB's CSV export prints them (checked against a real export). */
final class ExportNumbersTest {
  @Test
  void everyValuePrintsAsTheStoreExportPrintsIt(@TempDir Path dir) {
    List<Double> values =
        new ArrayList<>(
            List.of(
                0.0,
                1e-05,
                12345678.9,
                0.1,
                0.30000000000000004,
                1e15,
                1e16,
                123456789012345678.0,
                100.0,
                2.5e-7,
                9999999999999998.0,
                0.0001,
                0.002,
                4.35,
                1e23,
                0.02613742859362038,
                11.028366381681026,
                1234567.75));
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 400; i++) {
      values.add(random.nextDouble() * Math.pow(10, random.nextInt(-8, 21)));
    }
    // One row a slot, so that each exported value is one stored value (a sum of one term).
    List<RawRow> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      rows.add(new RawRow(9, T0 + i * SLOT, 39, values.get(i), 0, 0, 0, 0));
    }
    String csv =
        StoreExport.export(
            dir,
            rows,
            List.of(CellId.of(9)),
            T0,
            T0 + values.size() * SLOT,
            Resolution.TEN_MINUTES);
    List<String> lines = csv.lines().skip(1).toList();
    assertThat(lines).hasSize(values.size());
    for (int i = 0; i < values.size(); i++) {
      String exported = lines.get(i).split(",", -1)[2];
      assertThat(ExportNumbers.format(values.get(i))).as("%s", values.get(i)).isEqualTo(exported);
    }
  }

  @Test
  void nonFiniteAndNegativeValuesFollowDuckDbsSpelling() {
    assertThat(ExportNumbers.format(Double.NaN)).isEqualTo("nan");
    assertThat(ExportNumbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    assertThat(ExportNumbers.format(-0.0)).isEqualTo("0.0");
    assertThat(ExportNumbers.format(-2.5)).isEqualTo("-2.5");
  }
}
