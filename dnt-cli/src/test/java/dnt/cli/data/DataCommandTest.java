package dnt.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import dnt.data.milan.BundledData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data commands end to end: exit codes, stdout results, one-sentence errors on stderr. */
final class DataCommandTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @TempDir Path dir;

  @Test
  void ingestInfoAndExportWorkTogether() throws Exception {
    String store = dir.resolve("s.duckdb").toString();
    CliRun ingest =
        run(
            "data",
            "ingest",
            BundledData.file(BundledData.RAW_SAMPLE).toString(),
            "--store",
            store);
    assertThat(ingest.status()).isZero();
    assertThat(ingest.out())
        .contains(
            "rows read:     143", "rows stored:   71", "rows replaced: 0", "rows rejected: 0");

    CliRun info = run("data", "info", "--store", store);
    assertThat(info.status()).isZero();
    assertThat(info.out())
        .contains(
            "cells:         1",
            "2013-11-01T00:00+01:00",
            "71 (cell, slot) rows, summing 143 raw (cell, slot, country code) rows",
            "replaced:      0 raw rows",
            "internet");

    Path csv = dir.resolve("h.csv");
    CliRun export =
        run(
            "data",
            "export",
            "--store",
            store,
            "--cells",
            "1",
            "--from",
            "2013-11-01T01:00",
            "--to",
            "2013-11-01T03:00",
            "--resolution",
            "hour",
            "--out",
            csv.toString());
    assertThat(export.status()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("cell,time,smsin,smsout,callin,callout,internet");
    assertThat(lines.get(1)).startsWith("1,1383264000000,");
    assertThat(lines.get(2)).startsWith("1,1383267600000,");
  }

  @Test
  void aMalformedRowExitsWithTwoAndNamesFileAndLine() throws Exception {
    Path bad =
        Files.writeString(dir.resolve("bad.txt"), "1\t1383260400000\t39\t1\n1\t1383260400000\n");
    // (two fields: a row of three, cell, time and country code, is a valid row without activity)
    CliRun r = run("data", "ingest", bad.toString(), "--store", dir.resolve("s.duckdb").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(bad + ":2: a raw row has 3 to 8").doesNotContain("at dnt.");
    CliRun skip =
        run(
            "data",
            "ingest",
            bad.toString(),
            "--skip-bad",
            "--store",
            dir.resolve("t.duckdb").toString());
    assertThat(skip.status()).isZero();
    assertThat(skip.out()).contains("rows rejected: 1");
    assertThat(skip.err()).contains("skipped " + bad + ":2:");
  }

  @Test
  void userMistakesGetOneClearSentence() throws Exception {
    CliRun missing = run("data", "info", "--store", dir.resolve("none.duckdb").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).startsWith("dnt: no store at");
    CliRun noFile =
        run(
            "data",
            "ingest",
            dir.resolve("nope.txt").toString(),
            "--store",
            dir.resolve("s.duckdb").toString());
    assertThat(noFile.status()).isEqualTo(2);
    assertThat(noFile.err()).contains("no such file or folder");
    assertThat(Files.exists(dir.resolve("s.duckdb"))).isFalse();
    CliRun badTime = run("data", "export", "--store", "x", "--from", "yesterday", "--out", "o.csv");
    assertThat(badTime.status()).isEqualTo(2);
    assertThat(badTime.err()).contains("'yesterday' is not an ISO-8601 time");
    CliRun badCell = run("data", "export", "--store", "x", "--cells", "0", "--out", "o.csv");
    assertThat(badCell.status()).isEqualTo(2);
    assertThat(badCell.err()).contains("cell id 0 is outside");
  }

  @Test
  void synthesisedFilesIngestAndAreLabelledSynthetic() {
    Path out = dir.resolve("synth");
    CliRun synth =
        run("data", "synth", "--cells", "4", "--days", "1", "--seed", "3", "--out", out.toString());
    assertThat(synth.status()).isZero();
    assertThat(synth.out()).contains("SYNTHETIC");
    String store = dir.resolve("s.duckdb").toString();
    CliRun ingest = run("data", "ingest", out.toString(), "--store", store);
    assertThat(ingest.status()).isZero();
    assertThat(ingest.out()).contains("SYNTHETIC");
    CliRun info = run("data", "info", "--store", store);
    assertThat(info.out()).contains("cells:         4", "(1 SYNTHETIC)", "576 (cell, slot) rows");
    Path csv = dir.resolve("e.csv");
    CliRun export = run("data", "export", "--store", store, "--out", csv.toString());
    assertThat(export.status()).isZero();
    assertThat(export.err()).contains("SYNTHETIC", csv + ".synthetic");
    assertThat(Files.exists(Path.of(csv + ".synthetic"))).isTrue();
    assertThat(Files.exists(csv)).isTrue();
  }
}
