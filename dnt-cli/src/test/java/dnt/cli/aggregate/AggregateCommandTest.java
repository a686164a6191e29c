package dnt.cli.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.cli.CliRun;
import dnt.learn.robust.AggregationRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dnt aggregate} end to end: its exact file contract, results and error statuses. */
final class AggregateCommandTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private String aggregate(String rule, String csv, String... extra) throws IOException {
    Path in = write("u.csv", csv);
    Path out = dir.resolve("out.csv");
    String[] base = {
      "aggregate", "--rule", rule, "--input", in.toString(), "--out", out.toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    CliRun r = run(args);
    assertThat(r.status()).as(r.err()).isZero();
    return Files.readString(out);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() throws IOException {
    assertThat(aggregate("median", "1,10\n3,20\n2,30\n100,-5\n")).isEqualTo("2.5,15.0\n");
  }

  @Test
  void theMeanIsWrittenInFullDoublePrecision() throws IOException {
    String out = aggregate("mean", "0.1,1\n0.2,2\n0.4,4\n");
    double expected = (0.1 + 0.2 + 0.4) / 3;
    String[] fields = out.strip().split(",");
    double first = Double.parseDouble(fields[0]);
    // within a few ulps of the mean (two additions and a division: 3 roundings), and printed with
    // every digit needed to round-trip
    assertThat(first).isCloseTo(expected, within(4 * Math.ulp(expected)));
    assertThat(fields[0]).isEqualTo(Double.toString(first)).hasSizeGreaterThan(17);
    // (1 + 2 + 4) / 3: an exact sum and one correctly rounded division, as on the right
    assertThat(Double.parseDouble(fields[1])).isCloseTo(7.0 / 3, within(1e-15));
  }

  @Test
  void trimmedMeanDropsFloorBetaNPerEnd() throws IOException {
    // n = 5, beta 0.2 -> one value per end: {1,2,3,4,100} -> 3
    assertThat(aggregate("trimmed-mean", "4\n100\n1\n3\n2\n", "--beta", "0.2")).isEqualTo("3.0\n");
  }

  @Test
  void krumAndMultiKrumUseF() throws IOException {
    String line = "0\n1\n2\n10\n11\n";
    assertThat(aggregate("krum", line, "--f", "1")).isEqualTo("1.0\n");
    assertThat(aggregate("multi-krum", line, "--f", "1")).isEqualTo("3.25\n");
  }

  @Test
  void fltrustReadsTheReferenceUpdate() throws IOException {
    Path ref = write("ref.csv", "1,0\n");
    String out = aggregate("fltrust", "2,0\n0,5\n-1,0\n", "--reference", ref.toString());
    assertThat(out).isEqualTo("1.0,0.0\n");
  }

  @Test
  void everyRuleRunsOnAReasonableInput() throws IOException {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      csv.append(0.1 * i).append(',').append(1 - 0.05 * i).append(',').append(i % 3).append('\n');
    }
    Path ref = write("ref.csv", "0.5,0.5,1\n");
    for (String rule : AggregationRules.REGISTRY.names()) {
      String out = aggregate(rule, csv.toString(), "--f", "2", "--reference", ref.toString());
      assertThat(out.strip().split(",")).as(rule).hasSize(3);
    }
  }

  @Test
  void theHelpListsEveryRegisteredRuleInRegistryOrder() {
    CliRun r = run("aggregate", "--help");
    assertThat(r.status()).isZero();
    String help = r.out().replaceAll("\\s+", " ");
    assertThat(help).contains(String.join(", ", AggregationRules.REGISTRY.names()) + ".");
  }

  @Test
  void randomisedRulesAreReproducibleForASeed() throws IOException {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      csv.append(1 + 0.1 * i).append(',').append(2 - 0.2 * i).append('\n');
    }
    String a = aggregate("flame", csv.toString(), "--seed", "7");
    String b = aggregate("flame", csv.toString(), "--seed", "7");
    String c = aggregate("flame", csv.toString(), "--seed", "8");
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void raggedRowsAreBadInput() throws IOException {
    Path in = write("u.csv", "1,2\n3\n");
    CliRun r = run("aggregate", "--rule", "mean", "--input", in.toString(), "--out", "x.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("line 2").contains("same length");
  }

  @Test
  void aNonNumberIsBadInputNamingLineAndField() throws IOException {
    Path in = write("u.csv", "1,2\n3,abc\n");
    CliRun r = run("aggregate", "--rule", "mean", "--input", in.toString(), "--out", "x.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("line 2, field 2").contains("'abc'");
    Path nan = write("n.csv", "1,NaN\n");
    assertThat(
            run("aggregate", "--rule", "mean", "--input", nan.toString(), "--out", "x.csv")
                .status())
        .isEqualTo(2);
  }

  @Test
  void tooFewRowsForFIsBadInput() throws IOException {
    Path in = write("u.csv", "0\n1\n2\n3\n4\n");
    CliRun r =
        run("aggregate", "--rule", "krum", "--f", "2", "--input", in.toString(), "--out", "x.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("at least 7");
    CliRun b =
        run(
            "aggregate",
            "--rule",
            "bulyan",
            "--f",
            "1",
            "--input",
            in.toString(),
            "--out",
            "x.csv");
    assertThat(b.status()).isEqualTo(2);
  }

  @Test
  void fltrustWithoutAReferenceIsBadInput() throws IOException {
    Path in = write("u.csv", "0\n1\n");
    CliRun r = run("aggregate", "--rule", "fltrust", "--input", in.toString(), "--out", "x.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("--reference");
  }

  @Test
  void anUnknownRuleIsBadInputListingTheKnownOnes() throws IOException {
    Path in = write("u.csv", "0\n1\n");
    Path out = dir.resolve("x.csv");
    CliRun r =
        run("aggregate", "--rule", "average", "--input", in.toString(), "--out", out.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "--rule: unknown aggregation rule 'average'; known: "
                + String.join(", ", AggregationRules.REGISTRY.names()))
        .doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }

  @Test
  void ruleNamesAreMatchedWithoutRegardToLetterCase() throws IOException {
    String csv = "1,10\n3,20\n2,30\n100,-5\n";
    String lower = aggregate("median", csv);
    assertThat(lower).isEqualTo("2.5,15.0\n");
    assertThat(aggregate("MEDIAN", csv)).isEqualTo(lower);
    assertThat(aggregate("Median", csv)).isEqualTo(lower);
    // n = 4, beta 0.25 -> one value per end: {1, 2, 3, 100} -> 2.5; {-5, 10, 20, 30} -> 15
    assertThat(aggregate("Trimmed-Mean", csv, "--beta", "0.25")).isEqualTo("2.5,15.0\n");
  }

  @Test
  void anEmptyLineInsideTheFileIsBadInput() throws IOException {
    Path in = write("u.csv", "0\n\n1\n");
    CliRun r = run("aggregate", "--rule", "mean", "--input", in.toString(), "--out", "x.csv");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("line 2 is empty");
  }

  @Test
  void helpListsTheRules() {
    CliRun r = run("aggregate", "--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("trimmed-mean", "multi-krum", "fltrust", "tid", "--reference");
  }
}
