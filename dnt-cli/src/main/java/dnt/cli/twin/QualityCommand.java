package dnt.cli.twin;

import dnt.core.quality.Interaction;
import dnt.core.quality.QualityAttribute;
import dnt.core.quality.QualityScore;
import dnt.core.quality.TwinQuality;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dnt twin quality}: the quality of a twin by multi-attribute utility theory, from the
 * levels of its attributes ({@link TwinQuality}).
 */
@Command(
    name = "quality",
    mixinStandardHelpOptions = true,
    description = {
      "Score a twin's quality by Keeney and Raiffa's multiplicative multi-attribute utility.",
      "Give every attribute's level with --level NAME=VALUE; --list prints the attributes, their",
      "units, scales and scaling constants. Prints each attribute's utility, the master constant",
      "K, the joint utility and, for comparison, the weighted sum of the same utilities.",
      "See docs/quality.md."
    })
public final class QualityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--level",
      paramLabel = "NAME=VALUE",
      description = "An attribute's level (repeat for each attribute).")
  Map<String, Double> levels = new LinkedHashMap<>();

  @Option(
      names = "--k",
      paramLabel = "NAME=VALUE",
      description = "Replace an attribute's scaling constant, in (0, 1).")
  Map<String, Double> constants = new LinkedHashMap<>();

  @Option(names = "--list", description = "List the attributes and stop.")
  boolean list;

  @Override
  public Integer call() {
    TwinQuality quality = TwinQuality.defaults().withScalingConstants(constants);
    PrintWriter out = spec.commandLine().getOut();
    if (list) {
      out.printf(
          Locale.ROOT,
          "%-28s %-6s %-12s %-12s %s%n",
          "attribute",
          "k",
          "worst",
          "best",
          "measures");
      for (QualityAttribute a : quality.attributes()) {
        out.printf(
            Locale.ROOT,
            "%-28s %-6.3f %-12s %-12s %s%n",
            a.name(),
            a.scalingConstant(),
            number(a.utility().worst()),
            number(a.utility().best()),
            a.description());
      }
      out.flush();
      return 0;
    }
    QualityScore score = quality.score(levels);
    out.printf(Locale.ROOT, "%-28s %-12s %-8s %s%n", "attribute", "level", "utility", "k");
    for (QualityAttribute a : quality.attributes()) {
      out.printf(
          Locale.ROOT,
          "%-28s %-12s %-8.4f %.3f%n",
          a.name(),
          // score() names every attribute of the model, so both maps hold a.name()
          number(score.levels().getOrDefault(a.name(), Double.NaN)),
          score.utilities().getOrDefault(a.name(), Double.NaN),
          a.scalingConstant());
    }
    out.printf(
        Locale.ROOT,
        "master constant K = %.6f (%s)%n",
        quality.joint().master(),
        meaning(score.interaction()));
    out.printf(Locale.ROOT, "joint utility (multiplicative) = %.6f%n", score.joint());
    out.printf(Locale.ROOT, "weighted sum of the same utilities = %.6f%n", score.weightedSum());
    out.flush();
    return 0;
  }

  private static String meaning(Interaction interaction) {
    return switch (interaction) {
      case COMPLEMENTS -> "complements: the attributes are worth most together";
      case SUBSTITUTES -> "substitutes: one good attribute stands in for another";
      case ADDITIVE -> "additive: the joint utility is the weighted sum";
    };
  }

  private static String number(double value) {
    return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
