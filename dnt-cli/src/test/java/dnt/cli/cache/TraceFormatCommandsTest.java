package dnt.cli.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dnt cache simulate --format} and {@code dnt cache convert}: results and bad input. */
final class TraceFormatCommandsTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static void assertRefused(CliRun r, String message) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private CliRun simulate(Path trace, String format, String... more) {
    String[] base = {
      "cache", "simulate", "--trace", trace.toString(), "--format", format, "--capacity", "2"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return run(args);
  }

  @Test
  void everyFormatOfTheSameKeysGivesTheSameReplay() throws IOException {
    // LRU, 2 slots: 1,2,1,3,2,3,1 -> hits at requests 3 and 6 (as SimulateCommandTest's CSV)
    Path csv = file("t.csv", "time,client,item\n0,0,1\n1,0,2\n2,0,1\n3,0,3\n4,0,2\n5,0,3\n6,0,1\n");
    Path lirs = file("t.lirs", "1\n2\n*\n1\n3\n\n2\n3\n1\n");
    Path arc = file("t.arc", "1 2 0 0\n1 1 0 1\n3 1 0 2\n2 2 0 3\n1 1 0 4\n");
    CliRun fromCsv = simulate(csv, "csv");
    assertThat(fromCsv.status()).isZero();
    assertThat(fromCsv.out()).contains("requests=7", "hits=2").endsWith("hit_rate=0.285714\n");
    assertThat(simulate(lirs, "lirs").out()).isEqualTo(fromCsv.out());
    assertThat(simulate(arc, "ARC").out()).isEqualTo(fromCsv.out());
    Path bin = dir.resolve("t.dntk");
    CliRun c =
        run(
            "cache",
            "convert",
            "--in",
            lirs.toString(),
            "--from",
            "lirs",
            "--to",
            "binary",
            "--out",
            bin.toString());
    assertThat(c.status()).isZero();
    assertThat(c.out()).isEqualTo("requests=7\nkeys=1..3\n");
    assertThat(simulate(bin, "binary").out()).isEqualTo(fromCsv.out());
    // belady reads the future: the key trace is held in memory, same answer as from CSV
    assertThat(simulate(bin, "binary", "--policy", "belady").out())
        .isEqualTo(simulate(csv, "csv", "--policy", "belady").out());
  }

  @Test
  void theStatisticsFileOfAKeyTraceHasOneStation() throws IOException {
    Path lirs = file("t.lirs", "1\n2\n1\n");
    Path stats = dir.resolve("stats.csv");
    CliRun r = simulate(lirs, "lirs", "--out", stats.toString());
    assertThat(r.status()).isZero();
    assertThat(Files.readString(stats))
        .isEqualTo("station,requests,hits,hit_rate,load\n0,3,1,0.333333,1.000000\n");
  }

  @Test
  void malformedKeyTracesAreRefusedWithTheLine() throws IOException {
    assertRefused(simulate(file("bad.lirs", "1\n2\nthree\n"), "lirs"), "bad.lirs line 3: 'three'");
    assertRefused(simulate(file("bad.arc", "1 2\n3 -4\n"), "arc"), "bad.arc line 2: length -4");
    assertRefused(simulate(file("bad.dntk", "DNTK"), "binary"), "bad.dntk is truncated");
    assertRefused(simulate(file("t.csv", "1\n2\n"), "binary"), "is not a dnt binary trace");
    assertRefused(simulate(dir.resolve("none.lirs"), "lirs"), "none.lirs does not exist");
  }

  @Test
  void badOptionsAreRefused() throws IOException {
    Path lirs = file("t.lirs", "1\n");
    assertRefused(simulate(lirs, "parquet"), "--format: unknown trace format 'parquet'");
    Path assoc = file("a.csv", "client,station\n0,0\n");
    assertRefused(
        simulate(lirs, "lirs", "--association", assoc.toString()),
        "--association needs a trace with clients (--format csv)");
    assertRefused(
        run(
            "cache",
            "convert",
            "--in",
            lirs.toString(),
            "--from",
            "lirs",
            "--to",
            "arc",
            "--out",
            dir.resolve("o.arc").toString()),
        "--to arc: the arc format can be read, not written");
    assertRefused(
        run(
            "cache",
            "convert",
            "--in",
            lirs.toString(),
            "--from",
            "lirs",
            "--to",
            "lirs",
            "--out",
            lirs.toString()),
        "--out must differ from --in");
    assertRefused(
        run(
            "cache",
            "convert",
            "--in",
            lirs.toString(),
            "--from",
            "x",
            "--to",
            "lirs",
            "--out",
            dir.resolve("o").toString()),
        "--from: unknown trace format 'x'");
  }

  @Test
  void convertWritesEachFormatAndLeavesNothingOnFailure() throws IOException {
    Path arc = file("t.arc", "7 3 0 0\n-1 1 0 1\n");
    Path lirs = dir.resolve("t.lirs");
    CliRun r =
        run(
            "cache",
            "convert",
            "--in",
            arc.toString(),
            "--from",
            "arc",
            "--to",
            "lirs",
            "--out",
            lirs.toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("requests=4\nkeys=-1..9\n");
    assertThat(Files.readString(lirs)).isEqualTo("7\n8\n9\n-1\n");
    // to csv: request i at time i from client 0; key -1 forces renumbering in order of first use
    Path csv = dir.resolve("t.csv");
    assertThat(
            run(
                    "cache",
                    "convert",
                    "--in",
                    lirs.toString(),
                    "--from",
                    "lirs",
                    "--to",
                    "csv",
                    "--out",
                    csv.toString())
                .status())
        .isZero();
    assertThat(Files.readString(csv)).isEqualTo("time,client,item\n0,0,0\n1,0,1\n2,0,2\n3,0,3\n");
    // from csv: its items
    Path back = dir.resolve("back.lirs");
    assertThat(
            run(
                    "cache",
                    "convert",
                    "--in",
                    csv.toString(),
                    "--from",
                    "csv",
                    "--to",
                    "lirs",
                    "--out",
                    back.toString())
                .status())
        .isZero();
    assertThat(Files.readString(back)).isEqualTo("0\n1\n2\n3\n");
    Path bad = file("bad.lirs", "1\nx\n");
    Path none = dir.resolve("none.dntk");
    assertRefused(
        run(
            "cache",
            "convert",
            "--in",
            bad.toString(),
            "--from",
            "lirs",
            "--to",
            "binary",
            "--out",
            none.toString()),
        "bad.lirs line 2");
    assertThat(dir.toFile().list()).noneMatch(n -> n.startsWith("none") || n.startsWith(".none"));
  }
}
