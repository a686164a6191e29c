package dnt.cli.raytrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.cli.CliRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exact contract of {@code dnt raytrace} and its subcommands. */
final class RaytraceCommandTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static final String HEADER =
      "rx,path,kind,length_m,delay_ns,gain_db,phase_rad,aod_az_deg,aod_el_deg,aoa_az_deg,"
          + "aoa_el_deg";

  /** One 20 m concrete box at x 40..60, y 10..30 in a local frame. */
  private Path scene(String material, String extra) throws IOException {
    Path scene = dir.resolve("scene.geojson");
    Files.writeString(
        scene,
        """
        {"type": "FeatureCollection", "frame": "local", "ground": "pec"%s,
         "features": [{"type": "Feature", "id": "box",
           "properties": {"height": 20, "material": "%s"},
           "geometry": {"type": "Polygon",
             "coordinates": [[[40, 10], [60, 10], [60, 30], [40, 30], [40, 10]]]}}]}
        """
            .formatted(extra, material));
    return scene;
  }

  private Path receivers(String rows) throws IOException {
    Path rx = dir.resolve("rx.csv");
    Files.writeString(rx, "id,x,y,z\n" + rows);
    return rx;
  }

  private List<String[]> rows(Path csv) throws IOException {
    List<String[]> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo(HEADER);
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }

  @Test
  void writesEveryPathOfEveryReceiverInIncreasingDelay() throws IOException {
    Path out = dir.resolve("paths.csv");
    Path summary = dir.resolve("summary.csv");
    CliRun result =
        run(
            "raytrace",
            "--scene",
            scene("concrete", "").toString(),
            "--tx",
            "0,0,10",
            "--rx",
            receivers("a,100,40,1.5\nb,0,100,1.5\n").toString(),
            "--carrier-ghz",
            "3.5",
            "--diffraction",
            "on",
            "--out",
            out.toString(),
            "--summary",
            summary.toString());
    assertThat(result.status()).as(result.err()).isZero();
    List<String[]> rows = rows(out);
    for (String rx : List.of("a", "b")) {
      List<String[]> mine = rows.stream().filter(r -> r[0].equals(rx)).toList();
      assertThat(mine).isNotEmpty();
      for (int i = 0; i < mine.size(); i++) {
        assertThat(mine.get(i)[1]).isEqualTo(Integer.toString(i + 1));
        if (i > 0) {
          assertThat(Double.parseDouble(mine.get(i)[4]))
              .isGreaterThanOrEqualTo(Double.parseDouble(mine.get(i - 1)[4]));
        }
      }
    }
    // b at (0, 100) sees the transmitter in free space plus the pec ground: LOS then G.
    List<String[]> b = rows.stream().filter(r -> r[0].equals("b")).toList();
    assertThat(b).extracting(r -> r[2]).containsExactly("LOS", "G");
    double d = Math.sqrt(100 * 100 + 8.5 * 8.5);
    double lambda = 299_792_458.0 / 3.5e9;
    // Printed with 6 decimals: half a unit of the last digit.
    assertThat(Double.parseDouble(b.get(0)[3])).isCloseTo(d, within(5e-7));
    assertThat(Double.parseDouble(b.get(0)[5]))
        .isCloseTo(20 * Math.log10(lambda / (4 * Math.PI * d)), within(5e-7));
    assertThat(Double.parseDouble(b.get(0)[7])).isCloseTo(90, within(5e-7));
    // The box hides a from the transmitter and from its ground point; only the path over the
    // box's roof (two edges) arrives.
    assertThat(rows.stream().filter(r -> r[0].equals("a")).map(r -> r[2])).containsExactly("DD");
    assertThat(Files.readAllLines(summary).get(0))
        .isEqualTo("rx,paths,power_dbm,delay_spread_ns,k_factor_db");
  }

  @Test
  void userMistakesAreOneSentenceAndExitTwoWithNothingWritten() throws IOException {
    Path out = dir.resolve("paths.csv");
    Path scene = scene("concrete", "");
    CliRun inside =
        run(
            "raytrace",
            "--scene",
            scene.toString(),
            "--tx",
            "0,0,10",
            "--rx",
            receivers("in,50,20,1.5\n").toString(),
            "--carrier-ghz",
            "3.5",
            "--out",
            out.toString());
    assertThat(inside.status()).isEqualTo(2);
    assertThat(inside.err()).contains("receiver 'in' is inside building 'box'");
    assertThat(out).doesNotExist();
    CliRun material =
        run(
            "raytrace",
            "--scene",
            scene("cardboard", "").toString(),
            "--tx",
            "0,0,10",
            "--rx",
            receivers("a,100,0,1.5\n").toString(),
            "--carrier-ghz",
            "3.5",
            "--out",
            out.toString());
    assertThat(material.status()).isEqualTo(2);
    assertThat(material.err()).contains("features[0]").contains("unknown material 'cardboard'");
    CliRun missing = run("raytrace", "--tx", "0,0,10", "--carrier-ghz", "3.5");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("--scene is required");
    Files.writeString(out, "keep");
    CliRun exists =
        run(
            "raytrace",
            "--scene",
            scene.toString(),
            "--tx",
            "0,0,10",
            "--rx",
            receivers("a,100,0,1.5\n").toString(),
            "--carrier-ghz",
            "3.5",
            "--out",
            out.toString());
    assertThat(exists.status()).isEqualTo(2);
    assertThat(exists.err()).contains("already exists");
    assertThat(Files.readString(out)).isEqualTo("keep");
    for (CliRun r : List.of(inside, material, missing, exists)) {
      assertThat(r.err()).doesNotContain("Exception");
    }
  }

  @Test
  void aWgs84SceneIsProjectedAroundItsSouthWestCorner() throws IOException {
    Path scene = dir.resolve("wgs.geojson");
    // A 0.0002 deg box (about 15.6 m east-west, 22.2 m north-south at 45.46 N).
    Files.writeString(
        scene,
        """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "duomo",
          "properties": {"height": 30, "material": "brick"},
          "geometry": {"type": "Polygon", "coordinates": [[[9.1900, 45.4640], [9.1902, 45.4640],
            [9.1902, 45.4642], [9.1900, 45.4642], [9.1900, 45.4640]]]}}]}
        """);
    CliRun result =
        run(
            "raytrace",
            "--scene",
            scene.toString(),
            "--tx",
            "-50,10,10",
            "--rx",
            receivers("inside,5,5,1.5\n").toString(),
            "--carrier-ghz",
            "3.5",
            "--out",
            dir.resolve("p.csv").toString());
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("receiver 'inside' is inside building 'duomo'");
  }

  @Test
  void cityWritesASceneThatTracesAndMapDrawsIt() throws IOException {
    Path scene = dir.resolve("city.geojson");
    CliRun city =
        run(
            "raytrace",
            "city",
            "--width",
            "200",
            "--depth",
            "200",
            "--seed",
            "3",
            "--out",
            scene.toString());
    assertThat(city.status()).as(city.err()).isZero();
    Path map = dir.resolve("map.csv");
    Path png = dir.resolve("map.png");
    CliRun result =
        run(
            "raytrace",
            "map",
            "--scene",
            scene.toString(),
            "--tx",
            "5,5,15",
            "--tx",
            "195,195,15",
            "--area",
            "0,0,200,200",
            "--step",
            "20",
            "--carrier-ghz",
            "3.5",
            "--out",
            map.toString(),
            "--png",
            png.toString());
    assertThat(result.status()).as(result.err()).isZero();
    List<String> lines = Files.readAllLines(map);
    assertThat(lines.get(0)).isEqualTo("x,y,best_tx,power_dbm");
    assertThat(lines).hasSize(1 + 11 * 11);
    // The corner next to each transmitter is served by it.
    assertThat(lines.get(1)).startsWith("0.000,0.000,1,");
    assertThat(lines.get(lines.size() - 1)).startsWith("200.000,200.000,2,");
    BufferedImage image = ImageIO.read(png.toFile());
    // 11 x 11 points, each drawn as a square of 512 / 11 = 46 pixels.
    assertThat(image.getWidth()).isEqualTo(11 * 46);
    assertThat(image.getHeight()).isEqualTo(11 * 46);
    assertThat(result.err()).contains("viridis from");
  }
}
