package dnt.cli.raytrace;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dnt raytrace fusion}: its files, and a rerun from its config.yaml. */
final class FusionCommandTest {
  @TempDir Path dir;

  private record Result(int status, String err) {}

  private static Result run(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    return new Result(cl.execute(args), err.toString());
  }

  @Test
  void writesTheSinrOfEveryUserUnderEachModelAndRerunsFromItsConfig() throws IOException {
    Path a = dir.resolve("a");
    Result r =
        run(
            "raytrace",
            "fusion",
            "--seeds",
            "2",
            "--city-size",
            "200",
            "--stations",
            "2",
            "--users",
            "40",
            "--step",
            "20",
            "--out",
            a.toString());
    assertThat(r.status()).as(r.err()).isZero();
    List<String> metrics = Files.readAllLines(a.resolve("metrics.csv"));
    assertThat(metrics.get(0)).isEqualTo("seed,model,user,x,y,serving,rsrp_dbm,sinr_db");
    assertThat(metrics).hasSize(1 + 2 * 3 * 40);
    for (String model : FusionCommand.MODELS) {
      assertThat(metrics.stream().filter(l -> l.split(",")[1].equals(model))).hasSize(80);
    }
    // The models differ somewhere, or the comparison would be empty.
    List<String> umi =
        metrics.stream().filter(l -> l.contains(",umi,")).map(l -> l.split(",")[7]).toList();
    List<String> map =
        metrics.stream().filter(l -> l.contains(",raymap,")).map(l -> l.split(",")[7]).toList();
    assertThat(map).isNotEqualTo(umi);
    List<String> summary = Files.readAllLines(a.resolve("summary.csv"));
    assertThat(summary).hasSize(4);
    assertThat(summary.get(1)).startsWith("umi,2,");
    assertThat(a.resolve("manifest.json")).exists();
    Path b = dir.resolve("b");
    Result again =
        run(
            "raytrace",
            "fusion",
            "--config",
            a.resolve("config.yaml").toString(),
            "--out",
            b.toString());
    assertThat(again.status()).as(again.err()).isZero();
    assertThat(Files.readAllLines(b.resolve("metrics.csv"))).isEqualTo(metrics);
    Result exists = run("raytrace", "fusion", "--out", a.toString());
    assertThat(exists.status()).isEqualTo(2);
    assertThat(exists.err()).contains("exists; give a new folder");
    Result bad = run("raytrace", "fusion", "--stations", "0", "--out", dir.resolve("c").toString());
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("stations must be 1 to 20");
  }

  @Test
  void quantilesAreNearestRank() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(FusionCommand.quantile(v, 0.1)).isEqualTo(1);
    assertThat(FusionCommand.quantile(v, 0.5)).isEqualTo(5);
    assertThat(FusionCommand.quantile(v, 0.9)).isEqualTo(9);
    assertThat(FusionCommand.quantile(new double[0], 0.5)).isNaN();
  }
}
