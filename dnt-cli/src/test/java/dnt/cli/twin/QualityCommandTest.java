package dnt.cli.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.cli.Main;
import dnt.core.quality.TwinQuality;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dnt twin quality}: the printed scores are the domain model's. */
final class QualityCommandTest {
  private record Result(int status, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of("twin", "quality"));
    all.addAll(List.of(args));
    return new Result(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  private static double printed(String out, String prefix) {
    return out.lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> Double.parseDouble(l.substring(prefix.length()).trim().split(" ")[0]))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + out));
  }

  private static final String[] LEVELS = {
    "--level", "forecast-error=0.2",
    "--level", "sinr-error-db=3",
    "--level", "age-s=600",
    "--level", "sync-bytes-per-cell-hour=200000",
    "--level", "sync-energy-j-per-cell-hour=40"
  };

  @Test
  void printsTheJointUtilityAndTheWeightedSumOfTheDomainModel() {
    Result result = run(LEVELS);
    assertThat(result.status()).as(result.err()).isZero();
    var expected =
        TwinQuality.defaults()
            .score(
                Map.of(
                    "forecast-error", 0.2,
                    "sinr-error-db", 3.0,
                    "age-s", 600.0,
                    "sync-bytes-per-cell-hour", 200000.0,
                    "sync-energy-j-per-cell-hour", 40.0));
    // Printed with 6 decimals: half a unit of the last digit.
    assertThat(printed(result.out(), "joint utility (multiplicative) ="))
        .isCloseTo(expected.joint(), within(5e-7));
    assertThat(printed(result.out(), "weighted sum of the same utilities ="))
        .isCloseTo(expected.weightedSum(), within(5e-7));
    assertThat(result.out()).contains("complements");
    assertThat(result.out().lines().filter(l -> l.startsWith("sync-bytes-per-cell-hour")))
        .singleElement()
        .asString()
        .contains(" 200000 ");
  }

  @Test
  void reassessedConstantsChangeTheInteraction() {
    List<String> args = new ArrayList<>(List.of(LEVELS));
    args.addAll(List.of("--k", "forecast-error=0.6", "--k", "age-s=0.5"));
    Result result = run(args.toArray(String[]::new));
    assertThat(result.status()).as(result.err()).isZero();
    assertThat(printed(result.out(), "master constant K =")).isNegative();
    assertThat(result.out()).contains("substitutes");
  }

  @Test
  void listShowsEveryAttribute() {
    Result result = run("--list");
    assertThat(result.status()).isZero();
    for (String name : TwinQuality.defaults().names()) {
      assertThat(result.out()).contains(name);
    }
  }

  @Test
  void aMissingOrUnknownAttributeIsABadInputNamedInOneSentence() {
    Result missing = run("--level", "forecast-error=0.2");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("'sinr-error-db' needs a numeric level");
    assertThat(missing.err()).doesNotContain("Exception");
    List<String> args = new ArrayList<>(List.of(LEVELS));
    args.addAll(List.of("--level", "latency=3"));
    Result unknown = run(args.toArray(String[]::new));
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown quality attribute 'latency'");
    Result notANumber = run("--level", "age-s=soon");
    assertThat(notANumber.status()).isEqualTo(2);
  }
}
