package dnt.cli.raytrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dnt raytrace campaign} and {@code dnt raytrace calibrate}. */
final class CalibrateCommandTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /** A 300 m synthetic city; (6, 6) is in the street that runs round its edge. */
  private Path city() {
    Path scene = dir.resolve("city.geojson");
    CliRun r =
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
            scene.toString());
    assertThat(r.status()).as(r.err()).isZero();
    return scene;
  }

  @Test
  void aCampaignIsCalibratedBackToItsHiddenLosses() throws IOException {
    Path scene = city();
    Path measured = dir.resolve("m.csv");
    Path truth = dir.resolve("truth.json");
    CliRun c =
        run(
            "raytrace",
            "campaign",
            "--scene",
            scene.toString(),
            "--tx",
            "6,6,25",
            "--area",
            "0,0,300,300",
            "--carrier-ghz",
            "3.5",
            "--points",
            "120",
            "--sigma-db",
            "0",
            "--true-loss",
            "concrete=6,brick=4",
            "--seed",
            "3",
            "--out",
            measured.toString(),
            "--truth",
            truth.toString());
    assertThat(c.status()).as(c.err()).isZero();
    List<String> lines = Files.readAllLines(measured);
    assertThat(lines.get(0)).isEqualTo("x,y,z,rsrp_dbm");
    assertThat(lines).hasSize(121);
    JsonNode t = new ObjectMapper().readTree(truth.toFile());
    assertThat(t.get("losses_db").get("concrete").asDouble()).isEqualTo(6);
    Path out = dir.resolve("calib.json");
    CliRun fit =
        run(
            "raytrace",
            "calibrate",
            "--scene",
            scene.toString(),
            "--tx",
            "6,6,25",
            "--carrier-ghz",
            "3.5",
            "--measurements",
            measured.toString(),
            "--holdout",
            "0.25",
            "--seed",
            "1",
            "--out",
            out.toString());
    assertThat(fit.status()).as(fit.err()).isZero();
    assertThat(fit.err()).contains("RMSE");
    JsonNode j = new ObjectMapper().readTree(out.toFile());
    assertThat(j.get("train_points").asInt()).isEqualTo(90);
    assertThat(j.get("holdout_points").asInt()).isEqualTo(30);
    // Noiseless but written to 1e-4 dB (and positions to the millimetre, as drawn): the fit is
    // exact to that rounding, a few 1e-4 dB in RMSE and far less than 0.05 dB in each loss.
    assertThat(j.get("classes").get("concrete").get("loss_db").asDouble())
        .isCloseTo(6, within(0.05));
    assertThat(j.get("classes").get("brick").get("loss_db").asDouble()).isCloseTo(4, within(0.05));
    assertThat(j.get("classes").get("ground").get("loss_db").asDouble()).isCloseTo(0, within(0.05));
    assertThat(j.get("holdout_rmse_after_db").asDouble()).isLessThan(0.01);
    assertThat(j.get("rmse_before_db").asDouble()).isGreaterThan(1);
  }

  @Test
  void badInputIsOneSentenceAndExitTwo() throws IOException {
    Path scene = city();
    Path out = dir.resolve("calib.json");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "x,y,rsrp\n1,2,3\n");
    CliRun header =
        run(
            "raytrace",
            "calibrate",
            "--scene",
            scene.toString(),
            "--tx",
            "6,6,25",
            "--carrier-ghz",
            "3.5",
            "--measurements",
            bad.toString(),
            "--out",
            out.toString());
    assertThat(header.status()).isEqualTo(2);
    assertThat(header.err())
        .contains("the header must be x,y,z,rsrp_dbm")
        .doesNotContain("Exception");
    Files.writeString(bad, "x,y,z,rsrp_dbm\n6,10,1.5,loud\n");
    CliRun number =
        run(
            "raytrace",
            "calibrate",
            "--scene",
            scene.toString(),
            "--tx",
            "6,6,25",
            "--carrier-ghz",
            "3.5",
            "--measurements",
            bad.toString(),
            "--out",
            out.toString());
    assertThat(number.status()).isEqualTo(2);
    assertThat(number.err()).contains("line 2 column rsrp_dbm: 'loud' is not a number");
    Files.writeString(bad, "x,y,z,rsrp_dbm\n6,10,1.5,-80\n");
    CliRun holdout =
        run(
            "raytrace",
            "calibrate",
            "--scene",
            scene.toString(),
            "--tx",
            "6,6,25",
            "--carrier-ghz",
            "3.5",
            "--measurements",
            bad.toString(),
            "--holdout",
            "1",
            "--out",
            out.toString());
    assertThat(holdout.status()).isEqualTo(2);
    assertThat(holdout.err()).contains("--holdout must be in 0..0.9");
    CliRun few =
        run(
            "raytrace",
            "calibrate",
            "--scene",
            scene.toString(),
            "--tx",
            "6,6,25",
            "--carrier-ghz",
            "3.5",
            "--measurements",
            bad.toString(),
            "--out",
            out.toString());
    assertThat(few.status()).isEqualTo(2);
    assertThat(few.err()).contains("more training points than material classes");
    CliRun unknown =
        run(
            "raytrace",
            "campaign",
            "--scene",
            scene.toString(),
            "--tx",
            "6,6,25",
            "--area",
            "0,0,300,300",
            "--carrier-ghz",
            "3.5",
            "--true-loss",
            "marble=3",
            "--out",
            dir.resolve("m.csv").toString(),
            "--truth",
            dir.resolve("t.json").toString());
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("--true-loss names 'marble', which is not a class of the scene");
    assertThat(out).doesNotExist();
    assertThat(dir.resolve("m.csv")).doesNotExist();
  }
}
