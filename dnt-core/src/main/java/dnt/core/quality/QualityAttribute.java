package dnt.core.quality;

import java.util.regex.Pattern;

/**
 * One attribute of a twin's quality: its name, its single-attribute utility and its scaling
 * constant in the multiplicative form (the utility of a twin at this attribute's best level with
 * every other attribute at its worst, Keeney and Raiffa 1976, Sec. 6.6).
 *
 * @param name a lowercase hyphenated name ({@code forecast-error})
 * @param description what is measured, in which unit
 * @param utility the single-attribute utility of its level
 * @param scalingConstant k, in (0, 1)
 */
public record QualityAttribute(
    String name, String description, AttributeUtility utility, double scalingConstant) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** Checks the name and the constant. */
  public QualityAttribute {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "an attribute name is lowercase words joined by hyphens, got '" + name + "'");
    }
    if (!(scalingConstant > 0 && scalingConstant <= 1)) {
      throw new IllegalArgumentException(
          "the scaling constant of '" + name + "' must be in (0, 1], got " + scalingConstant);
    }
  }
}
