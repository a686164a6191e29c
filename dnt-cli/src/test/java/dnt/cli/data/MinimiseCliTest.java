package dnt.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import dnt.data.milan.BundledData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt data ingest --minimise hourly}: the store says it is minimised, an hourly export gives
 * the same sums as the hourly export of a store that kept the slots, and every command that needs
 * the 10-minute detail exits 2 with one sentence.
 */
final class MinimiseCliTest {
  private static final Path SAMPLE = BundledData.file(BundledData.RAW_SAMPLE);

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static String lastLine(CliRun r) {
    List<String> lines = r.err().lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void aMinimisedStoreSaysSoAndExportsOnlyHours() throws Exception {
    String min = dir.resolve("min.duckdb").toString();
    String fine = dir.resolve("fine.duckdb").toString();
    CliRun ingest =
        run("data", "ingest", SAMPLE.toString(), "--store", min, "--minimise", "hourly");
    assertThat(ingest.status()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("(cell, hour) rows").contains("minimised:     hourly");
    assertThat(run("data", "ingest", SAMPLE.toString(), "--store", fine).status()).isZero();

    assertThat(run("data", "info", "--store", min).out())
        .contains("minimised:     hourly (only hourly series per cell")
        .contains("(cell, hour) rows, summing 143 raw");
    assertThat(run("data", "info", "--store", fine).out()).contains("minimised:     no");

    Path a = dir.resolve("min.csv");
    Path b = dir.resolve("fine.csv");
    CliRun e = run("data", "export", "--store", min, "--resolution", "hour", "--out", a.toString());
    assertThat(e.status()).as(e.err()).isZero();
    run("data", "export", "--store", fine, "--resolution", "hour", "--out", b.toString());
    List<String> got = Files.readAllLines(a);
    List<String> want = Files.readAllLines(b);
    assertThat(got).hasSameSizeAs(want).hasSizeGreaterThan(2);
    for (int i = 1; i < want.size(); i++) {
      String[] g = got.get(i).split(",");
      String[] w = want.get(i).split(",");
      assertThat(g[0] + "," + g[1]).isEqualTo(w[0] + "," + w[1]);
      for (int k = 2; k < 7; k++) {
        // the same at most six slot sums added in time order (minimised) or in DuckDB's order:
        // at most a few ulps apart, far below 1e-12 relative
        double x = Double.parseDouble(g[k]);
        double y = Double.parseDouble(w[k]);
        assertThat(Math.abs(x - y)).isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(y)));
      }
    }
  }

  @Test
  void commandsThatNeedTheDroppedDetailAreRefusedInOneSentence() {
    String min = dir.resolve("min.duckdb").toString();
    assertThat(
            run("data", "ingest", SAMPLE.toString(), "--store", min, "--minimise", "hourly")
                .status())
        .isZero();
    Path out = dir.resolve("fine.csv");
    CliRun r = run("data", "export", "--store", min, "--out", out.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(lastLine(r))
        .isEqualTo(
            "dnt: the store "
                + min
                + " is minimised to hourly series (dnt data ingest --minimise hourly) and holds no"
                + " 10-minute slots; read it at hourly resolution (--resolution hour)");
    assertThat(out).doesNotExist();

    String fine = dir.resolve("fine.duckdb").toString();
    assertThat(run("data", "ingest", SAMPLE.toString(), "--store", fine).status()).isZero();
    CliRun again =
        run("data", "ingest", SAMPLE.toString(), "--store", fine, "--minimise", "hourly");
    assertThat(again.status()).isEqualTo(2);
    assertThat(lastLine(again)).contains("keeps 10-minute slots and cannot be minimised in place");

    CliRun bad =
        run(
            "data",
            "ingest",
            SAMPLE.toString(),
            "--store",
            dir.resolve("x.duckdb").toString(),
            "--minimise",
            "daily");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(lastLine(bad))
        .isEqualTo("dnt: --minimise: unknown minimisation 'daily'; expected hourly (or none)");
    assertThat(dir.resolve("x.duckdb")).doesNotExist();
  }
}
