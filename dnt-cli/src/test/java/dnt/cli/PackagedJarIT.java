package dnt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar runs as {@code ./dnt} runs it ({@code java --add-modules jdk.incubator.vector
 * -jar dnt-cli.jar}, its manifest's class path), so a library that the in-JVM tests see but the jar
 * does not (a test-scoped declaration shadowing a module's compile dependency) fails here. One
 * command per reader family.
 */
final class PackagedJarIT {
  @TempDir Path dir;

  private static Path repo() {
    return Path.of(System.getProperty("dnt.repo.dir", "..")).toAbsolutePath().normalize();
  }

  private String run(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("dnt.cli.jar", "target/dnt-cli.jar"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // as ./dnt: the Vector API kernels' module, and with it the JVM's one-line incubator warning
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    command.add("-Djava.awt.headless=true");
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Path log = dir.resolve("log.txt");
    Process process =
        new ProcessBuilder(command)
            .directory(repo().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished within 120 s").isTrue();
    String output = Files.readString(log);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void twinSinrReadsItsCsvLayouts() throws Exception {
    Path out = dir.resolve("sinr.csv");
    run(
        "twin",
        "sinr",
        "--stations",
        "docs/examples/stations.csv",
        "--users",
        "docs/examples/users.csv",
        "--model",
        "uma",
        "--los",
        "always",
        "--shadowing",
        "off",
        "--carrier-ghz",
        "3.5",
        "--bandwidth-mhz",
        "20",
        "--out",
        out.toString());
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).isEqualTo("user,serving,rsrp_dbm,sinr_db,rate_mbps");
    assertThat(lines).hasSize(1 + 24);
  }

  @Test
  void raytraceReadsItsSceneAndReceivers() throws Exception {
    Path out = dir.resolve("paths.csv");
    run(
        "raytrace",
        "--scene",
        "docs/examples/raytrace/scene.geojson",
        "--tx",
        "89,105,10",
        "--rx",
        "docs/examples/raytrace/receivers.csv",
        "--carrier-ghz",
        "3.5",
        "--out",
        out.toString());
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0))
        .isEqualTo(
            "rx,path,kind,length_m,delay_ns,gain_db,phase_rad,aod_az_deg,aod_el_deg,aoa_az_deg,"
                + "aoa_el_deg");
    assertThat(lines.stream().skip(1).map(l -> l.split(",")[0]).distinct()).contains("r1", "r2");
  }
}
