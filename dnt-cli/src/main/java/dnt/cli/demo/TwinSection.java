package dnt.cli.demo;

import dnt.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The network twin of Milan: builds it from the bundled stations, then forks it and compares the
 * KPIs of a hypothetical outage and power change against the untouched original (paper Sec. II:
 * what-if analysis on the twin before touching the real network).
 */
final class TwinSection implements DemoSection {
  /**
   * The hypothetical changes: an outage of the four sites nearest the busiest square of the bundled
   * subset (5545, central Milan), a neighbour raising its power by 6 dB, and a new small cell in
   * the square.
   */
  static final String CHANGES =
      """
      changes:
        - switch-off: 2535
        - switch-off: 2611
        - switch-off: 2536
        - switch-off: 2534
        - power: {station: 2470, dbm: 36}
        - add-station: {id: 900001, x: 10456, y: 13054, height: 10, power-dbm: 30, gain-db: 0, capacity-mbps: 150}
      """;

  @Override
  public String title() {
    return "The network twin of Milan: build, fork, what-if";
  }

  @Override
  public void run(DemoContext context) throws Exception {
    Path changes = context.workDir().resolve("whatif.yaml");
    Files.writeString(changes, CHANGES);
    CommandLine cl = Main.newCommandLine();
    cl.setOut(context.out());
    int status =
        cl.execute(
            "twin",
            "whatif",
            "--users",
            "20000",
            "--los",
            "never",
            "--changes",
            changes.toString());
    if (status != 0) {
      throw new IllegalStateException("the what-if step failed with status " + status);
    }
  }
}
