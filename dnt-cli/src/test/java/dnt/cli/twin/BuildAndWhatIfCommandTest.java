package dnt.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import dnt.core.BaseStationId;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dnt twin build} and {@code dnt twin whatif} end to end on the bundled Milan data. */
final class BuildAndWhatIfCommandTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void buildPrintsKpisSavesASnapshotAndWhatIfComparesAFork() throws IOException {
    Path snap = dir.resolve("milan.twin");
    CliRun built =
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
    CliRun w =
        run("twin", "whatif", "--snapshot", snap.toString(), "--changes", changes.toString());
    assertThat(w.status()).as(w.err()).isZero();
    assertThat(w.out()).contains("baseline", "what-if", "active stations", "3 changes");
    assertThat(w.out()).containsPattern("active stations\\s+\\d+\\s+\\d+\\s+\\+0");
  }

  @Test
  void badChangesExitWithStatusTwo() throws IOException {
    Path changes = dir.resolve("bad.yaml");
    Files.writeString(changes, "changes:\n  - explode: 3\n");
    CliRun r =
        run("twin", "whatif", "--users", "50", "--los", "never", "--changes", changes.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("change 1", "explode");
    Files.writeString(changes, "changes:\n  - power: {station: 1}\n");
    assertThat(run("twin", "whatif", "--changes", changes.toString()).err())
        .contains("missing 'dbm'");
    Files.writeString(changes, "changes:\n  - switch-off: 123456789\n");
    CliRun unknown =
        run("twin", "whatif", "--users", "50", "--los", "never", "--changes", changes.toString());
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err())
        .contains(changes + ", change 1: station 123456789 is not in the twin");
    assertThat(run("twin", "build", "--users", "10", "--placement", "nowhere").status())
        .isEqualTo(2);
  }

  @Test
  void anImpossibleQuantityInAChangeIsRejectedNamingTheFileChangeAndKey() throws IOException {
    Path changes = dir.resolve("power.yaml");
    Files.writeString(
        changes, "changes:\n  - switch-off: 1000\n  - power: {station: 1001, dbm: 3600}\n");
    CliRun r =
        run("twin", "whatif", "--users", "50", "--los", "never", "--changes", changes.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            changes
                + ", change 2 (power), 'dbm': transmit power 3600 dBm is outside the allowed"
                + " range -30..80 dBm")
        .doesNotContain("Infinity", "Exception");
    assertThat(r.out()).isEmpty();
    Files.writeString(
        changes, "changes:\n  - add-station: {id: 900001, x: 11800, y: 11800, height: 9000}\n");
    assertThat(run("twin", "whatif", "--changes", changes.toString()).err())
        .contains(
            "change 1 (add-station), 'height': antenna height 9000 m is outside the allowed range"
                + " 1..300 m");
    Files.writeString(changes, "changes:\n  - traffic: {user: 5, mbps: -1}\n");
    assertThat(run("twin", "whatif", "--changes", changes.toString()).err())
        .contains("change 1 (traffic), 'mbps': demand -1 Mbit/s is outside");
    Files.writeString(changes, "changes:\n  - move-user: {user: 5, x: 1, y: 1, time-ms: -3}\n");
    assertThat(run("twin", "whatif", "--changes", changes.toString()).err())
        .contains("change 1 (move-user), 'time-ms': measurement time -3 ms is outside");
  }

  @Test
  void unknownKeysAreRejectedNamingTheChangeAndTheKnownKeys() throws IOException {
    Path changes = dir.resolve("keys.yaml");
    Files.writeString(changes, "changes:\n  - power: {station: 1001, dbm: 36, dbi: 3}\n");
    CliRun r = run("twin", "whatif", "--changes", changes.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains(changes + ", change 1 (power): unknown key 'dbi'; power takes station, dbm");
    Files.writeString(changes, "chagnes:\n  - switch-off: 1000\n");
    CliRun top = run("twin", "whatif", "--changes", changes.toString());
    assertThat(top.status()).isEqualTo(2);
    assertThat(top.err()).contains(changes + ": unknown top-level key 'chagnes'");
  }

  @Test
  void kindsAndKeysOfChangesAreCaseInsensitive() throws IOException {
    Path changes = dir.resolve("case.yaml");
    Files.writeString(
        changes, "Changes:\n  - Switch-Off: 1000\n  - POWER: {Station: 1001, DBM: 36}\n");
    CliRun r =
        run("twin", "whatif", "--users", "50", "--los", "never", "--changes", changes.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("2 changes");
    Files.writeString(changes, "changes:\n  - Explode: 3\n");
    assertThat(run("twin", "whatif", "--changes", changes.toString()).err())
        .contains(
            "unknown change 'Explode'; use one of switch-off, power, add-station, move-user,"
                + " traffic, handover");
  }

  @Test
  void namesOfOptionsAreCaseInsensitiveAndUnknownOnesListTheKnown() {
    CliRun r =
        run(
            "twin",
            "build",
            "--users",
            "30",
            "--model",
            "UMa",
            "--los",
            "Never",
            "--shadowing",
            "ON",
            "--rate",
            "Attenuated",
            "--placement",
            "Uniform",
            "--profile",
            "MACRO",
            "--layer",
            "LTE",
            "--floor-db",
            "None");
    assertThat(r.status()).as(r.err()).isZero();
    CliRun bad = run("twin", "build", "--users", "30", "--rate", "turbo");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err())
        .contains("--rate: unknown rate model 'turbo'; known: shannon, attenuated-shannon");
    CliRun model = run("twin", "build", "--users", "30", "--model", "rma");
    assertThat(model.status()).isEqualTo(2);
    assertThat(model.err())
        .contains("--model: unknown propagation model 'rma'; known: uma, umi, fspl");
  }

  @Test
  void aBuildThatCannotFitIsRefusedUpFrontWithTheLimit() {
    long t0 = System.nanoTime();
    CliRun r = run("twin", "build", "--users", "1000000000");
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains("--users 1000000000 cannot fit", "bytes per user", "at most", "-Xmx")
        .doesNotContain("OutOfMemoryError", "Exception");
    // refused before any user is placed: loading the bundled stations takes a few seconds at most
    assertThat(seconds).isLessThan(30);
    long atMost =
        Long.parseLong(
            r.err().replaceAll("(?s).*at most ([0-9,]+) users.*", "$1").replace(",", ""));
    assertThat(atMost).isPositive().isLessThan(1_000_000_000L);
    // the limit reflects this JVM's maximum heap: no more than one user per 100 bytes of it
    assertThat(atMost).isLessThan(Runtime.getRuntime().maxMemory() / 100);
  }

  @Test
  void aBuildReportsProgressOnStderrCountingUsersFromTheFirstBlock() {
    CliRun r = run("twin", "build", "--users", "70000", "--los", "never");
    assertThat(r.status()).as(r.err()).isZero();
    List<String> lines = r.err().lines().filter(l -> l.startsWith("dnt: step")).toList();
    assertThat(lines.get(0)).startsWith("dnt: step 1 of 2: associating users");
    assertThat(lines)
        .contains(
            "dnt: step 1 of 2: associating users with their strongest station: 70,000 of 70,000"
                + " users (100%)",
            "dnt: step 2 of 2: computing signal and interference: 70,000 of 70,000 users (100%)");
    assertThat(lines).noneMatch(l -> l.contains(": 0 of"));
  }

  @Test
  void theShippedExampleChangesApplyToATwinOfMilan() {
    Path changes = SinrCommandTest.examples().resolve("whatif.yaml");
    Path out = dir.resolve("whatif.csv");
    CliRun r =
        run(
            "twin",
            "whatif",
            "--users",
            "200",
            "--los",
            "never",
            "--changes",
            changes.toString(),
            "--out",
            out.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 changes from " + changes);
    // the example switches station 1000 off and adds station 900001
    assertThat(out).content().contains("\n1000,true,");
    // an added station has no old values: old_lon, right after "changed", is empty
    assertThat(out).content().contains("\n900001,true,,");
  }
}
