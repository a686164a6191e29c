package dnt.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Checks of what a run writes, beyond "the file exists": a PNG decodes, a manifest describes. */
public final class OutputChecks {
  private OutputChecks() {}

  /**
   * Asserts that a file is a PNG image that decodes, of plot size, and not one flat colour.
   *
   * @param png the file
   */
  public static void assertPlot(Path png) {
    try {
      BufferedImage img = ImageIO.read(png.toFile());
      assertThat(img).as("%s decodes as an image", png.getFileName()).isNotNull();
      assertThat(img.getWidth()).as("%s width", png.getFileName()).isGreaterThanOrEqualTo(300);
      assertThat(img.getHeight()).as("%s height", png.getFileName()).isGreaterThanOrEqualTo(200);
      int first = img.getRGB(0, 0);
      boolean drawn = false;
      for (int x = 0; x < img.getWidth() && !drawn; x += 3) {
        for (int y = 0; y < img.getHeight() && !drawn; y += 3) {
          drawn = img.getRGB(x, y) != first;
        }
      }
      assertThat(drawn).as("%s has something drawn on it", png.getFileName()).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that a manifest is JSON naming the experiment, its absolute run folder and seeds, and
   * checksums for its inputs.
   *
   * @param manifest the manifest.json
   * @param experiment the expected experiment name
   * @return the parsed manifest
   */
  public static JsonNode assertManifest(Path manifest, String experiment) {
    try {
      JsonNode m = new ObjectMapper().readTree(manifest.toFile());
      assertThat(m.path("experiment").asText()).isEqualTo(experiment);
      assertThat(Path.of(m.path("runDir").asText())).isAbsolute();
      assertThat(Path.of(m.path("runDir").asText()).getFileName())
          .isEqualTo(manifest.getParent().getFileName());
      assertThat(m.path("seeds").asInt()).isPositive();
      assertThat(m.path("config").isObject()).as("config is an object").isTrue();
      for (JsonNode input : m.path("inputs")) {
        assertThat(input.toString()).containsIgnoringCase("sha");
      }
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
