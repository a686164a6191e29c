package dnt.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's twin section calls the what-if API, not the command line, and prints what {@code dnt
 * twin whatif} prints for the same twin and the same changes written as a YAML file.
 */
final class TwinSectionTest {
  /** The demo's changes as the demo wrote them to a file before it called the API. */
  private static final String CHANGES_YAML =
      """
      changes:
        - switch-off: 2535
        - switch-off: 2611
        - switch-off: 2536
        - switch-off: 2534
        - power: {station: 2470, dbm: 36}
        - add-station: {id: 900001, x: 10456, y: 13054, height: 10, power-dbm: 30, gain-db: 0, capacity-mbps: 150}
      """;

  @Test
  void theSectionPrintsWhatTheWhatIfCommandPrintsForTheSameChanges(@TempDir Path dir)
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    new TwinSection()
        .run(new DemoContext(new PrintWriter(out, true), new PrintWriter(err, true), dir));

    Path file = dir.resolve("whatif.yaml");
    Files.writeString(file, CHANGES_YAML);
    String[] args = new String[TwinSection.TWIN.length + 4];
    args[0] = "twin";
    args[1] = "whatif";
    System.arraycopy(TwinSection.TWIN, 0, args, 2, TwinSection.TWIN.length);
    args[args.length - 2] = "--changes";
    args[args.length - 1] = file.toString();
    CliRun cli = CliRun.of(args);
    assertThat(cli.status()).as(cli.err()).isZero();

    // the only difference: where the changes came from
    assertThat(out.toString().replace("from the demo's list", "from " + file)).isEqualTo(cli.out());
    assertThat(out.toString()).contains("# 6 changes from the demo's list touched");
    assertThat(err.toString()).contains("dnt: built a twin of Milan", "applied 6 changes");
  }
}
