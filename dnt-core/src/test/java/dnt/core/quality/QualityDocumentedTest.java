package dnt.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/quality.md's tables name the registered shapes and the default attributes with their k. */
final class QualityDocumentedTest {
  private static List<List<String>> rows(String heading) throws IOException {
    Path repo = Path.of(System.getProperty("dnt.repo.dir", "..")).toAbsolutePath().normalize();
    String text = Files.readString(repo.resolve("docs/quality.md"));
    int from = text.indexOf("\n" + heading);
    assertThat(from).as("docs/quality.md has a section " + heading).isNotNegative();
    int to = text.indexOf("\n## ", from + 1);
    List<List<String>> rows = new ArrayList<>();
    for (String line : text.substring(from, to < 0 ? text.length() : to).split("\n")) {
      String row = line.strip();
      if (row.startsWith("| `")) {
        List<String> cells = new ArrayList<>();
        for (String cell : row.substring(1, row.length() - 1).split("\\|")) {
          cells.add(cell.strip().replace("`", ""));
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  @Test
  void theShapesTableNamesEveryRegisteredShape() throws IOException {
    assertThat(rows("## The model").stream().map(r -> r.get(0)))
        .containsExactlyElementsOf(AttributeUtility.SHAPES.names());
  }

  @Test
  void theAttributesTableIsTheDefaultModel() throws IOException {
    List<List<String>> rows = rows("## The default attributes of a twin");
    List<QualityAttribute> attributes = TwinQuality.defaults().attributes();
    assertThat(rows.stream().map(r -> r.get(0)))
        .containsExactlyElementsOf(TwinQuality.defaults().names());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(Double.parseDouble(rows.get(i).get(5)))
          .as(rows.get(i).get(0))
          .isEqualTo(attributes.get(i).scalingConstant());
    }
  }
}
