package dnt.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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

/** The exact contract of {@code dnt twin sinr}. */
final class SinrCommandTest {
  @TempDir Path dir;

  private record Result(int status, String err) {}

  private Result run(String stations, String users, String... extra) throws IOException {
    Path s = dir.resolve("s.csv");
    Path u = dir.resolve("u.csv");
    Files.writeString(s, stations);
    Files.writeString(u, users);
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "twin",
                "sinr",
                "--stations",
                s.toString(),
                "--users",
                u.toString(),
                "--model",
                "fspl",
                "--los",
                "always",
                "--shadowing",
                "off",
                "--carrier-ghz",
                "2",
                "--bandwidth-mhz",
                "20",
                "--out",
                dir.resolve("out.csv").toString()));
    args.addAll(List.of(extra));
    CommandLine cl = Main.newCommandLine().setOverwrittenOptionsAllowed(true);
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(new StringWriter(), true));
    return new Result(cl.execute(args.toArray(String[]::new)), err.toString());
  }

  private static final String STATIONS =
      "id,x,y,height,tx_power_dbm\n1,0,0,1.5,46\n2,1000,0,1.5,46\n";

  @Test
  void writesOneRowPerUserInInputOrderWithTheContractHeader() throws IOException {
    Result r = run(STATIONS, "id,x,y,height\n5,900,0,1.5\n3,250,0,1.5\n4,500,0,1.5\n");
    assertThat(r.status()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
    assertThat(lines.get(0)).isEqualTo("user,serving,rsrp_dbm,sinr_db,rate_mbps");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).startsWith("5,2,");
    assertThat(lines.get(2)).startsWith("3,1,");
    // the midpoint is a tie: the lowest id serves
    assertThat(lines.get(3)).startsWith("4,1,");
    String[] f = lines.get(2).split(",");
    double sinr = Math.pow(10, Double.parseDouble(f[3]) / 10);
    // free space, equal stations: S/I = (750/250)^2 = 9; the noise, 42 dB below I, lowers the SINR
    // by 9 x 10^-4.2 = 5.7e-4, and the 6 printed decimals of sinr_db add at most 1e-6
    assertThat(sinr).isCloseTo(9, within(6e-4));
    // rate printed to 6 decimals (5e-7), and recomputed from the printed SINR (off by <= 1e-6,
    // times d rate / d SINR = 20 / (ln 2 x 10) = 2.9): <= 3.4e-6
    assertThat(Double.parseDouble(f[4]))
        .isCloseTo(20 * Math.log(1 + sinr) / Math.log(2), within(5e-6));
  }

  @Test
  void randomLosAndShadowingAreReproducibleForASeed() throws IOException {
    String users = "id,x,y,height\n1,300,40,1.5\n2,700,-30,1.5\n";
    String stations = "id,x,y,height,tx_power_dbm\n1,0,0,25,46\n2,1000,0,25,46\n";
    assertThat(
            run(stations, users, "--model", "uma", "--los", "random", "--shadowing", "on").status())
        .isZero();
    String first = Files.readString(dir.resolve("out.csv"));
    run(stations, users, "--model", "uma", "--los", "random", "--shadowing", "on");
    assertThat(Files.readString(dir.resolve("out.csv"))).isEqualTo(first);
  }

  @Test
  void badInputExitsWithStatusTwoAndNamesTheProblem() throws IOException {
    String users = "id,x,y,height\n1,1,1,1.5\n";
    assertThat(run("id,x,y,height,tx_power_dbm\n1,0,0,1.5,46\n1,5,0,1.5,46\n", users))
        .satisfies(r -> assertThat(r.status()).isEqualTo(2))
        .satisfies(r -> assertThat(r.err()).contains("line 3", "station id 1 appears twice"));
    assertThat(run(STATIONS, "id,x,y,height\n1,NaN,1,1.5\n").err()).contains("line 2", "x");
    assertThat(run(STATIONS, "id,x,y,height\n1,1,1,-2\n").err()).contains("height");
    assertThat(run(STATIONS, "id,x,y\n1,1,1\n").err()).contains("expected id,x,y,height");
    assertThat(run(STATIONS, "id,x,y,height\n1,1,1,1.5\n1,2,2,1.5\n").err())
        .contains("user id 1 appears twice");
    assertThat(run(STATIONS, users, "--model", "rma").err())
        .contains("--model: unknown propagation model 'rma'; known: uma, umi, fspl");
    assertThat(run(STATIONS, users, "--shadowing", "maybe").status()).isEqualTo(2);
    assertThat(run(STATIONS, "id,x,y,height\nx,1,1,1.5\n").status()).isEqualTo(2);
    assertThat(run(STATIONS, "id,x,y,height\n1,1,1\n").status()).isEqualTo(2);
  }

  /** The repository's docs/examples, found from the module directory the tests run in. */
  static Path examples() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.isDirectory(d.resolve("docs/examples"))) {
      d = d.getParent();
    }
    assertThat(d).as("docs/examples above the working directory").isNotNull();
    return d.resolve("docs/examples");
  }

  @Test
  void anExistingOutIsRefusedUnlessOverwriteAndKeptIntact() throws IOException {
    Path out = dir.resolve("out.csv");
    Files.writeString(out, "keep me\n");
    String users = "id,x,y,height\n1,100,0,1.5\n";
    Result refused = run(STATIONS, users);
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).contains("--out " + out + " already exists", "--overwrite");
    assertThat(Files.readString(out)).isEqualTo("keep me\n");
    Result replaced = run(STATIONS, users, "--overwrite");
    assertThat(replaced.status()).as(replaced.err()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(2).first().asString().startsWith("user,serving");
  }

  @Test
  void theShippedExampleLayoutRunsAsTheReadmeShowsIt() throws IOException {
    Path stations = examples().resolve("stations.csv");
    Path users = examples().resolve("users.csv");
    Path out = dir.resolve("sinr.csv");
    // the README's command, with the shipped files
    CommandLine cl = Main.newCommandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int status =
        cl.execute(
            "twin",
            "sinr",
            "--stations",
            stations.toString(),
            "--users",
            users.toString(),
            "--model",
            "uma",
            "--los",
            "random",
            "--shadowing",
            "on",
            "--carrier-ghz",
            "3.5",
            "--bandwidth-mhz",
            "20",
            "--seed",
            "7",
            "--out",
            out.toString());
    assertThat(status).as(err.toString()).isZero();
    List<String> userRows = Files.readAllLines(users).subList(1, Files.readAllLines(users).size());
    List<String> stationRows = Files.readAllLines(stations);
    java.util.Set<String> stationIds = new java.util.HashSet<>();
    for (String row : stationRows.subList(1, stationRows.size())) {
      stationIds.add(row.split(",")[0]);
    }
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("user,serving,rsrp_dbm,sinr_db,rate_mbps");
    assertThat(lines).hasSize(userRows.size() + 1);
    for (int i = 0; i < userRows.size(); i++) {
      String[] f = lines.get(i + 1).split(",");
      assertThat(f[0]).isEqualTo(userRows.get(i).split(",")[0]);
      assertThat(stationIds).contains(f[1]);
      double sinr = Math.pow(10, Double.parseDouble(f[3]) / 10);
      // rate = 20 MHz x log2(1 + SINR); the CSV rounds to 6 decimals (5e-7 relative on SINR)
      assertThat(Double.parseDouble(f[4]))
          .isCloseTo(20 * Math.log(1 + sinr) / Math.log(2), within(1e-4));
    }

    // with LOS everywhere and no shadowing, equal masts and powers: the nearest station serves
    // (UMa loss grows with distance), worked out here from the coordinates alone
    assertThat(
            run(
                    Files.readString(stations),
                    Files.readString(users),
                    "--model",
                    "uma",
                    "--carrier-ghz",
                    "3.5")
                .status())
        .isZero();
    List<String> los = Files.readAllLines(dir.resolve("out.csv"));
    for (int i = 0; i < userRows.size(); i++) {
      String[] u = userRows.get(i).split(",");
      double ux = Double.parseDouble(u[1]);
      double uy = Double.parseDouble(u[2]);
      String nearest = null;
      double best = Double.POSITIVE_INFINITY;
      for (String row : stationRows.subList(1, stationRows.size())) {
        String[] s = row.split(",");
        double d = Math.hypot(Double.parseDouble(s[1]) - ux, Double.parseDouble(s[2]) - uy);
        if (d < best) {
          best = d;
          nearest = s[0];
        }
      }
      assertThat(los.get(i + 1).split(",")[1]).as("user %s", u[0]).isEqualTo(nearest);
    }
  }

  @Test
  void impossibleLayoutValuesAreRejectedWithFileAndLine() throws IOException {
    Result power = run("id,x,y,height,tx_power_dbm\n1,0,0,25,3600\n", "id,x,y,height\n1,5,5,1.5\n");
    assertThat(power.status()).isEqualTo(2);
    assertThat(power.err())
        .contains(
            "s.csv line 2", "transmit power 3600 dBm is outside the allowed range -30..80 dBm");
    Result far = run(STATIONS, "id,x,y,height\n1,5,1e9,1.5\n");
    assertThat(far.status()).isEqualTo(2);
    assertThat(far.err()).contains("u.csv line 2", "coordinate");
    assertThat(run(STATIONS, "id,x,y,height\n1,5,5,1.5\n", "--bandwidth-mhz", "1e9").err())
        .contains("--bandwidth-mhz", "0.18..2000 MHz");
  }
}
