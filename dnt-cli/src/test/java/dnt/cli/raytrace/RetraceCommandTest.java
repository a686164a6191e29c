package dnt.cli.raytrace;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import dnt.core.raytrace.Building;
import dnt.data.scene.SceneFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt raytrace retrace}: the incremental output equals a full {@code dnt raytrace} of the
 * changed scene byte for byte, fewer receivers are traced again, and bad input is refused.
 */
final class RetraceCommandTest {
  @TempDir Path dir;

  private Path city;
  private Path rx;
  private Path before;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static final String[] TRACE = {
    "--tx", "89,105,10", "--carrier-ghz", "3.5", "--diffraction", "on"
  };

  private static String[] args(String[] head, String... tail) {
    return Stream.of(head, TRACE, tail).flatMap(Stream::of).toArray(String[]::new);
  }

  /** A 6 x 6 m, 15 m metal kiosk, local frame. */
  private Path kiosk(String id, double x, double y) throws IOException {
    Path f = dir.resolve(id + ".geojson");
    Files.writeString(
        f,
        String.format(
            Locale.ROOT,
            """
            {"type": "FeatureCollection", "frame": "local", "features": [{"type": "Feature",
              "id": "%s", "properties": {"height": 15, "material": "metal"},
              "geometry": {"type": "Polygon", "coordinates":
                [[[%f, %f], [%f, %f], [%f, %f], [%f, %f], [%f, %f]]]}}]}
            """,
            id,
            x,
            y,
            x + 6,
            y,
            x + 6,
            y + 6,
            x,
            y + 6,
            x,
            y));
    return f;
  }

  @BeforeEach
  void cityReceiversAndPathsBefore() throws IOException {
    city = dir.resolve("city.geojson");
    CliRun c =
        run(
            "raytrace",
            "city",
            "--width",
            "300",
            "--depth",
            "300",
            "--seed",
            "7",
            "--out",
            "" + city);
    assertThat(c.status()).as(c.err()).isZero();
    List<Building> buildings = SceneFile.read(city).scene().buildings();
    StringBuilder rows = new StringBuilder("id,x,y,z\n");
    int n = 0;
    for (int x = 5; x < 300; x += 20) {
      for (int y = 5; y < 300; y += 20) {
        final int px = x;
        final int py = y;
        boolean street = buildings.stream().noneMatch(b -> b.contains(px, py));
        // keep the kiosk's corner of the street (x 60..66, y 0..9) free of receivers
        if (street && !(x >= 55 && x <= 70 && y <= 10)) {
          rows.append("r").append(++n).append(',').append(x).append(',').append(y).append(",1.5\n");
        }
      }
    }
    assertThat(n).isGreaterThan(40);
    rx = dir.resolve("rx.csv");
    Files.writeString(rx, rows);
    before = dir.resolve("before.csv");
    CliRun b =
        run(
            args(
                new String[] {"raytrace", "--scene", "" + city, "--rx", "" + rx},
                "--out",
                "" + before));
    assertThat(b.status()).as(b.err()).isZero();
  }

  @Test
  void theIncrementalOutputEqualsAFullRetraceOfTheChangedSceneByteForByte() throws IOException {
    Path inc = dir.resolve("inc.csv");
    Path after = dir.resolve("after.geojson");
    CliRun r =
        run(
            args(
                new String[] {"raytrace", "retrace", "--scene", "" + city, "--rx", "" + rx},
                "--paths",
                "" + before,
                "--remove-buildings",
                "b1,b5",
                "--add-buildings",
                "" + kiosk("kiosk", 60, 2),
                "--out",
                "" + inc,
                "--scene-out",
                "" + after));
    assertThat(r.status()).as(r.err()).isZero();
    Matcher m =
        Pattern.compile("re-traced (\\d+) of (\\d+) receivers \\(2 buildings removed, 1 added\\)")
            .matcher(r.err());
    assertThat(m.find()).as(r.err()).isTrue();
    int retraced = Integer.parseInt(m.group(1));
    int all = Integer.parseInt(m.group(2));
    assertThat(all).isEqualTo(Files.readAllLines(rx).size() - 1);
    assertThat(retraced).isPositive().isLessThan(all);
    List<String> ids =
        SceneFile.read(after).scene().buildings().stream().map(Building::id).toList();
    assertThat(ids).doesNotContain("b1", "b5").endsWith("kiosk");
    Path full = dir.resolve("full.csv");
    CliRun f =
        run(
            args(
                new String[] {"raytrace", "--scene", "" + after, "--rx", "" + rx},
                "--out",
                "" + full));
    assertThat(f.status()).as(f.err()).isZero();
    assertThat(Files.readAllBytes(inc)).isEqualTo(Files.readAllBytes(full));
    // the change matters, or the comparison would prove nothing
    assertThat(Files.readAllLines(inc)).isNotEqualTo(Files.readAllLines(before));
  }

  private CliRun retrace(String... change) {
    return run(
        args(
            new String[] {"raytrace", "retrace", "--scene", "" + city, "--rx", "" + rx},
            Stream.concat(
                    Stream.of("--paths", "" + before, "--out", "" + dir.resolve("x.csv")),
                    Stream.of(change))
                .toArray(String[]::new)));
  }

  @Test
  void badInputIsRefusedWithExitStatus2AndNothingWritten() throws IOException {
    CliRun unknown = retrace("--remove-buildings", "b1,b999");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("the scene has no building 'b999'");
    CliRun nothing = retrace();
    assertThat(nothing.status()).isEqualTo(2);
    assertThat(nothing.err()).contains("give --add-buildings FILE or --remove-buildings");
    // a kiosk on receiver r1 (the grid's first street point)
    String[] r1 = Files.readAllLines(rx).get(1).split(",");
    Path onReceiver = kiosk("stall", Double.parseDouble(r1[1]) - 3, Double.parseDouble(r1[2]) - 3);
    CliRun covers = retrace("--add-buildings", "" + onReceiver);
    assertThat(covers.status()).isEqualTo(2);
    assertThat(covers.err()).contains("receiver 'r1' is inside building 'stall'");
    CliRun existing = retrace("--add-buildings", "" + kiosk("b3", 60, 2));
    assertThat(existing.status()).isEqualTo(2);
    assertThat(existing.err()).contains("the scene already has a building 'b3'");
    Path other = dir.resolve("other.csv");
    CliRun o =
        run(
            "raytrace",
            "--scene",
            "" + city,
            "--rx",
            "" + rx,
            "--tx",
            "89,180,10",
            "--carrier-ghz",
            "3.5",
            "--diffraction",
            "on",
            "--out",
            "" + other);
    assertThat(o.status()).as(o.err()).isZero();
    CliRun mismatch =
        run(
            args(
                new String[] {"raytrace", "retrace", "--scene", "" + city, "--rx", "" + rx},
                "--paths",
                "" + other,
                "--remove-buildings",
                "b1",
                "--out",
                "" + dir.resolve("x.csv")));
    assertThat(mismatch.status()).isEqualTo(2);
    assertThat(mismatch.err()).contains("does not match --scene, --tx and the trace options");
    CliRun notPaths =
        run(
            args(
                new String[] {"raytrace", "retrace", "--scene", "" + city, "--rx", "" + rx},
                "--paths",
                "" + rx,
                "--remove-buildings",
                "b1",
                "--out",
                "" + dir.resolve("x.csv")));
    assertThat(notPaths.status()).isEqualTo(2);
    assertThat(notPaths.err()).contains("is not a dnt raytrace paths CSV");
    for (CliRun r : List.of(unknown, nothing, covers, existing, mismatch, notPaths)) {
      assertThat(r.err()).doesNotContain("Exception");
    }
    assertThat(dir.resolve("x.csv")).doesNotExist();
  }
}
