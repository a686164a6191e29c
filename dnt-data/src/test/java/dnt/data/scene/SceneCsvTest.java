package dnt.data.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.calibration.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ray tracer's point files: receivers ({@code id,x,y,z}) and measurements ({@code
 * x,y,z,rsrp_dbm}) read in file order, and every refusal one sentence naming the file, line and
 * column.
 */
final class SceneCsvTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("points.csv"), text);
  }

  private static String refusal(Runnable read) {
    try {
      read.run();
    } catch (InvalidInputException e) {
      return e.getMessage();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void receiversAreReadInFileOrder() throws IOException {
    Path f = file("id,x,y,z\nb,1.5,-2,10\na,0,0,1.5\n");
    assertThat(ReceiversCsv.read(f))
        .containsExactly(
            new ReceiversCsv.Receiver("b", new Point3(1.5, -2, 10)),
            new ReceiversCsv.Receiver("a", new Point3(0, 0, 1.5)));
  }

  @Test
  void badReceiversAreRefusedNamingFileLineAndColumn() throws IOException {
    Path missing = dir.resolve("none.csv");
    assertThat(refusal(() -> ReceiversCsv.read(missing)))
        .isEqualTo("the receivers file " + missing + " does not exist");
    Path header = file("id,x,y\na,1,2\n");
    assertThat(refusal(() -> ReceiversCsv.read(header)))
        .isEqualTo(header + ": the header must be id,x,y,z, got id,x,y");
    Path fields = file("id,x,y,z\na,1,2\n");
    assertThat(refusal(() -> ReceiversCsv.read(fields)))
        .isEqualTo(fields + " line 2: expected 4 fields, got 3");
    Path number = file("id,x,y,z\na,1,2,3\nb,1,two,3\n");
    assertThat(refusal(() -> ReceiversCsv.read(number)))
        .isEqualTo(number + " line 3 column y: 'two' is not a number");
    Path far = file("id,x,y,z\na,1,2,200000\n");
    assertThat(refusal(() -> ReceiversCsv.read(far)))
        .isEqualTo(
            far + " line 2 column z: must be a finite number of metres within 100 km, got 200000");
    Path twice = file("id,x,y,z\na,1,2,3\na,4,5,6\n");
    assertThat(refusal(() -> ReceiversCsv.read(twice)))
        .isEqualTo(twice + " line 3: id 'a' is empty or repeated");
    Path empty = file("id,x,y,z\n");
    assertThat(refusal(() -> ReceiversCsv.read(empty))).isEqualTo(empty + " has no receivers");
  }

  @Test
  void measurementsRoundTripAndBadOnesAreRefused() throws IOException {
    List<Measurement> points =
        List.of(
            new Measurement(new Point3(1.25, 2.5, 1.5), -71.125),
            new Measurement(new Point3(-3, 0, 2), -95.5));
    Path written = dir.resolve("m.csv");
    MeasurementsCsv.write(points, written);
    // written to the millimetre and 1e-4 dB: these values are exact at that precision
    assertThat(MeasurementsCsv.read(written)).containsExactlyElementsOf(points);

    Path missing = dir.resolve("none.csv");
    assertThat(refusal(() -> MeasurementsCsv.read(missing)))
        .isEqualTo("the measurements file " + missing + " does not exist");
    Path loud = file("x,y,z,rsrp_dbm\n1,2,3,400\n");
    assertThat(refusal(() -> MeasurementsCsv.read(loud)))
        .isEqualTo(
            loud + " line 2 column rsrp_dbm: must be a finite number within 300 dBm, got 400");
    Path empty = file("x,y,z,rsrp_dbm\n");
    assertThat(refusal(() -> MeasurementsCsv.read(empty)))
        .isEqualTo(empty + " has no measured points");
    assertThatThrownBy(() -> MeasurementsCsv.read(file("x,y,z\n1,2,3\n")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith(": the header must be x,y,z,rsrp_dbm, got x,y,z");
  }
}
