package dnt.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's federated section says what its numbers show: the twins beat persistence, and the
 * percentages it prints follow from the table it prints.
 */
final class ForecastingSectionTest {
  private static double tableMse(String out, String label) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(\\d+\\.\\d{4})\\s").matcher(out);
    assertThat(m.find()).as("a table row for %s in%n%s", label, out).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void theTwinsPrintedAreClearlyBetterThanPersistence(@TempDir Path dir) throws Exception {
    StringWriter text = new StringWriter();
    new ForecastingSection().run(new DemoContext(new PrintWriter(text, true), dir));
    String out = text.toString();
    double persistence = tableMse(out, "Persistence");
    for (String twin : new String[] {"V-twin", "H-twin"}) {
      double mse = tableMse(out, twin);
      // "clearly better": at least 10% below persistence
      assertThat(mse).as(twin).isLessThan(0.9 * persistence);
      Matcher claim =
          Pattern.compile(
                  Pattern.quote(twin)
                      + ": MSE\\(z\\) (\\d+\\.\\d{4}), (\\d+\\.\\d)% below persistence")
              .matcher(out);
      assertThat(claim.find()).as(out).isTrue();
      assertThat(Double.parseDouble(claim.group(1))).isEqualTo(mse);
      // the percentage from the printed 4-decimal values: rounding moves it by less than 0.1
      double expected = 100 * (1 - mse / persistence);
      assertThat(Double.parseDouble(claim.group(2))).isCloseTo(expected, within(0.1));
    }
    assertThat(out.toLowerCase(Locale.ROOT)).contains("one seed").doesNotContain("nan");
  }
}
