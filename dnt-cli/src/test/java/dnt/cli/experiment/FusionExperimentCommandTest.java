package dnt.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code dnt experiment fusion} and its first home {@code dnt raytrace fusion}: the same run from
 * both, a rerun from its config.yaml, and refusals.
 */
final class FusionExperimentCommandTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));
    return new Result(cl.execute(args), out.toString().trim(), err.toString());
  }

  private static final String[] TINY = {
    "--seeds", "2", "--city-size", "200", "--stations", "2", "--users", "40", "--step", "20"
  };

  private static String[] args(String[] head, String... tail) {
    return Stream.of(head, TINY, tail).flatMap(Stream::of).toArray(String[]::new);
  }

  @Test
  void bothCommandsWriteTheSameRunAndItsConfigReproducesIt() throws IOException {
    Path a = dir.resolve("a");
    Result r = run(args(new String[] {"raytrace", "fusion"}, "--out", a.toString()));
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(a.toAbsolutePath().normalize().toString());
    assertThat(r.err()).contains("dnt: fusion replication 2 of 2");
    List<String> metrics = Files.readAllLines(a.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("seed,model,user,x,y,serving,rsrp_dbm,sinr_db");
    assertThat(metrics).hasSize(1 + 2 * 3 * 40);
    assertThat(Files.readAllLines(a.resolve("summary.csv"))).hasSize(4);
    assertThat(a.resolve("report.md")).isNotEmptyFile();
    assertThat(Files.readString(a.resolve("config.yaml")))
        .contains("experiment: raytrace-fusion")
        .contains("dnt experiment raytrace-fusion --config config.yaml");

    Result b =
        run(
            "experiment",
            "fusion",
            "--config",
            a.resolve("config.yaml").toString(),
            "--results-dir",
            dir.resolve("results").toString());
    assertThat(b.status()).as(b.err()).isZero();
    Path bDir = Path.of(b.out());
    assertThat(bDir.getParent().getFileName().toString()).isEqualTo("raytrace-fusion");
    for (String f : List.of("metrics.csv", "summary.csv", "report.md", "config.yaml")) {
      assertThat(Files.readString(bDir.resolve(f))).as(f).isEqualTo(Files.readString(a.resolve(f)));
    }
    // the name written in config.yaml's comment is a name of the command
    Result alias =
        run(
            "experiment",
            "raytrace-fusion",
            "--config",
            a.resolve("config.yaml").toString(),
            "--seeds",
            "1",
            "--out",
            dir.resolve("c").toString());
    assertThat(alias.status()).as(alias.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("c").resolve("metrics.csv")))
        .isEqualTo(metrics.subList(0, 1 + 3 * 40));
  }

  @Test
  void badInputIsRefusedWithExitStatus2AndNothingWritten() {
    Path a = dir.resolve("a");
    Result exists = run("raytrace", "fusion", "--out", dir.toString());
    assertThat(exists.status()).isEqualTo(2);
    assertThat(exists.err()).contains("exists; give a new folder").doesNotContain("Exception");
    Result bad = run("experiment", "fusion", "--stations", "0", "--out", a.toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("stations must be 1 to 20").doesNotContain("Exception");
    assertThat(a).doesNotExist();
    Result twice =
        run("experiment", "fusion", "--users", "5", "--set", "users=6", "--out", a.toString());
    assertThat(twice.status()).isEqualTo(2);
    assertThat(twice.err()).contains("'users' is given twice");
  }
}
