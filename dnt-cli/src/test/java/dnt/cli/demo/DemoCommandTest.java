package dnt.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo runs every section on the bundled data. */
final class DemoCommandTest {
  @Test
  void theDemoSummarisesTheMilanNetwork() {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute("demo");
    assertThat(status).as(err.toString()).isZero();
    for (DemoSection s : DemoCommand.SECTIONS) {
      assertThat(out.toString()).contains("== " + s.title() + " ==");
    }
    assertThat(out.toString())
        .contains(
            "grid:          10,000 cells", "143 rows", "busiest cells", "daily profile", "18:00")
        .contains("SINR mean, dB", "baseline", "what-if", "touched")
        .contains("Persistence", "Seasonal naive", "V-twin", "H-twin", "below persistence")
        .endsWith(DemoCommand.LIVE_TWIN + System.lineSeparator());
  }
}
