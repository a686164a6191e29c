package dnt.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.Main;
import dnt.core.BaseStationId;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinSnapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dnt twin build} and {@code dnt twin whatif} end to end on the bundled Milan data. */
final class BuildAndWhatIfCommandTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Result(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void buildPrintsKpisSavesASnapshotAndWhatIfComparesAFork() throws IOException {
    Path snap = dir.resolve("milan.twin");
    Result built =
        run(
            "twin",
            "build",
            "--users",
            "400",
            "--los",
            "never",
            "--seed",
            "3",
            "--save",
            snap.toString());
    assertThat(built.status()).as(built.err()).isZero();
    assertThat(built.out())
        .contains(
            "users per station, mean",
            "SINR 5th percentile, dB",
            "coverage holes",
            "activity factor");
    NetworkTwin twin = TwinSnapshot.load(snap);
    assertThat(twin.userCount()).isEqualTo(400);
    BaseStationId busiest =
        twin.stationIds().stream()
            .max(java.util.Comparator.comparingInt(s -> twin.station(s).activeUsers()))
            .orElseThrow();
    Path changes = dir.resolve("changes.yaml");
    Files.writeString(
        changes,
        "changes:\n  - switch-off: "
            + busiest.value()
            + "\n  - power: {station: "
            + twin.stationIds().get(0).value()
            + ", dbm: 36}\n  - add-station: {id: 999999, x: 11800, y: 11800}\n");
    Result w =
        run("twin", "whatif", "--snapshot", snap.toString(), "--changes", changes.toString());
    assertThat(w.status()).as(w.err()).isZero();
    assertThat(w.out()).contains("baseline", "what-if", "active stations", "3 changes");
    assertThat(w.out()).containsPattern("active stations\\s+\\d+\\s+\\d+\\s+\\+0");
  }

  @Test
  void badChangesExitWithStatusTwo() throws IOException {
    Path changes = dir.resolve("bad.yaml");
    Files.writeString(changes, "changes:\n  - explode: 3\n");
    Result r =
        run("twin", "whatif", "--users", "50", "--los", "never", "--changes", changes.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("change 1", "explode");
    Files.writeString(changes, "changes:\n  - power: {station: 1}\n");
    assertThat(run("twin", "whatif", "--changes", changes.toString()).err())
        .contains("missing 'dbm'");
    Files.writeString(changes, "changes:\n  - switch-off: 123456789\n");
    Result unknown =
        run("twin", "whatif", "--users", "50", "--los", "never", "--changes", changes.toString());
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err())
        .contains(changes + ", change 1: station 123456789 is not in the twin");
    assertThat(run("twin", "build", "--users", "10", "--placement", "nowhere").status())
        .isEqualTo(2);
  }
}
