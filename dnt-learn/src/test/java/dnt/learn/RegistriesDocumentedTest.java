package dnt.learn;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.learn.attack.Attacks;
import dnt.learn.codec.UpdateCodecs;
import dnt.learn.forecast.Architectures;
import dnt.learn.robust.AggregationRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The tables of docs/ that list the learn families name exactly the registered members (what {@code
 * dnt aggregate --help} and the configuration errors list): the first column of the rules and
 * attacks tables of docs/security.md, the architectures table of docs/forecasting.md, and the
 * comments of {@code model.architecture} and {@code codec.name} in the forecasting study's
 * commented defaults (dnt-experiments' {@code dnt/experiments/forecasting/defaults.yaml}), and the
 * codecs table of docs/security.md, and the inversion attacks table of docs/privacy.md.
 */
final class RegistriesDocumentedTest {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  static Path repo() {
    return Path.of(System.getProperty("dnt.repo.dir", "..")).toAbsolutePath().normalize();
  }

  /** The backquoted names in the first column of the tables of one section. */
  static List<String> firstColumnNames(String doc, String heading) throws IOException {
    String text = Files.readString(repo().resolve("docs").resolve(doc));
    int from = text.indexOf("\n" + heading);
    assertThat(from).as(doc + " has a section " + heading).isNotNegative();
    int to = text.indexOf("\n## ", from + 1);
    String section = text.substring(from, to < 0 ? text.length() : to);
    List<String> names = new ArrayList<>();
    for (String line : section.split("\n")) {
      String row = line.strip();
      if (!row.startsWith("| `")) {
        continue;
      }
      Matcher m = CODE.matcher(row.substring(1, row.indexOf('|', 1)));
      while (m.find()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void theRulesTableNamesEveryRegisteredRule() throws IOException {
    assertThat(firstColumnNames("security.md", "## Aggregation rules"))
        .containsExactlyInAnyOrderElementsOf(AggregationRules.REGISTRY.names());
  }

  @Test
  void theCodecsTableAndTheForecastingDefaultsNameEveryRegisteredCodec() throws IOException {
    assertThat(firstColumnNames("security.md", "## Update codecs"))
        .containsExactlyInAnyOrderElementsOf(UpdateCodecs.REGISTRY.names());
    String comment = referenceComment("name:");
    assertThat(comment.substring(0, comment.indexOf(" (")).split("\\s*\\|\\s*"))
        .containsExactlyElementsOf(UpdateCodecs.REGISTRY.names());
  }

  @Test
  void theInversionAttacksTableNamesEveryRegisteredAttack() throws IOException {
    assertThat(firstColumnNames("privacy.md", "## Gradient-inversion attacks"))
        .containsExactlyInAnyOrderElementsOf(
            dnt.learn.privacy.inversion.InversionAttacks.REGISTRY.names());
  }

  /** The comment of the first line of the forecasting defaults whose key is {@code key}. */
  private static String referenceComment(String key) throws IOException {
    String yaml =
        Files.readString(
            repo()
                .resolve(
                    "dnt-experiments/src/main/resources/dnt/experiments/forecasting/defaults.yaml"),
            StandardCharsets.UTF_8);
    String line = yaml.lines().filter(l -> l.strip().startsWith(key)).findFirst().orElseThrow();
    return line.substring(line.indexOf('#') + 1).strip();
  }

  @Test
  void theAttacksTableNamesEveryRegisteredAttack() throws IOException {
    assertThat(firstColumnNames("security.md", "## Attacks"))
        .containsExactlyInAnyOrderElementsOf(Attacks.REGISTRY.names());
  }

  @Test
  void theArchitecturesTableAndTheForecastingDefaultsNameEveryRegisteredArchitecture()
      throws IOException {
    assertThat(firstColumnNames("forecasting.md", "## Forecasters"))
        .containsExactlyInAnyOrderElementsOf(Architectures.REGISTRY.names());
    String comment = referenceComment("architecture:");
    assertThat(comment.split("\\s*\\|\\s*"))
        .containsExactlyElementsOf(Architectures.REGISTRY.names());
  }

  @Test
  void theDeploymentBaselinesTableNamesEveryRegisteredBaselineAndTheSearch() throws IOException {
    List<String> names = new ArrayList<>(dnt.learn.deploy.DeploymentPolicies.REGISTRY.names());
    names.add("exhaustive");
    assertThat(firstColumnNames("deployment.md", "## Baselines"))
        .containsExactlyInAnyOrderElementsOf(names);
  }
}
