package dnt.core.quality;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quality of a network twin by multi-attribute utility theory (paper Sec. III-B1): each
 * attribute's level is mapped to a utility by its own function, and the utilities are joined by the
 * multiplicative form of Keeney and Raiffa ({@link MultiplicativeUtility}), so that attributes that
 * are only worth something together (an accurate twin of an hour ago, a fresh twin that predicts
 * badly) score lower than a weighted sum would give them.
 *
 * <p>{@link #defaults()} is the model the project uses: two fidelity attributes, freshness and two
 * costs. Its scaling constants sum to less than one, which makes the attributes complements: the
 * paper asks for a joint utility because the attributes of a twin are dependent, and a twin is
 * useful only when it is faithful, current and affordable at the same time. The constants are
 * assessments, not measurements; an operator sets their own by the lottery questions of Keeney and
 * Raiffa (Sec. 6.6).
 */
public final class TwinQuality {
  private final List<QualityAttribute> attributes;
  private final MultiplicativeUtility joint;

  /**
   * Creates the model.
   *
   * @param attributes the attributes, names distinct
   */
  public TwinQuality(List<QualityAttribute> attributes) {
    Set<String> names = new HashSet<>();
    for (QualityAttribute attribute : attributes) {
      if (!names.add(attribute.name())) {
        throw new IllegalArgumentException("attribute '" + attribute.name() + "' appears twice");
      }
    }
    this.attributes = List.copyOf(attributes);
    this.joint =
        new MultiplicativeUtility(
            attributes.stream().mapToDouble(QualityAttribute::scalingConstant).toArray());
  }

  /**
   * The default model: forecast error, SINR error, age, bytes and energy of synchronisation.
   *
   * <ul>
   *   <li>{@code forecast-error}: the cell twins' forecast error as z-MSE (standardised traffic),
   *       utility 1 at 0 and 0 at 1.0, roughly persistence's error on the Milan data; exponential
   *       with r = 1 (the first reductions from a useless forecast matter most); k = 0.3.
   *   <li>{@code sinr-error-db}: the radio twin's RMS SINR error against a reference (measurements
   *       or a ray tracer) in dB, 0 at 10 dB, 1 at 0 dB; linear; k = 0.15.
   *   <li>{@code age-s}: age in seconds of the newest synchronised data, 0 at one hour, 1 at 0;
   *       exponential with r = 2 (a twin ten minutes behind keeps most of its value); k = 0.25.
   *   <li>{@code sync-bytes-per-cell-hour}: bytes moved to keep one cell's twin in sync for an
   *       hour, 0 at 1 MB, 1 at 0; linear; k = 0.1.
   *   <li>{@code sync-energy-j-per-cell-hour}: transmit and compute energy in joules for the same,
   *       0 at 100 J, 1 at 0; linear; k = 0.1.
   * </ul>
   *
   * <p>The constants sum to 0.9, so K is positive (about 0.31; {@code docs/quality.md} works
   * through what that means).
   *
   * @return the model
   */
  public static TwinQuality defaults() {
    return new TwinQuality(
        List.of(
            new QualityAttribute(
                "forecast-error",
                "forecast error of the cell twins, z-MSE",
                new ExponentialUtility(1.0, 0.0, 1.0),
                0.3),
            new QualityAttribute(
                "sinr-error-db",
                "RMS SINR error of the radio twin against a reference, dB",
                new LinearUtility(10.0, 0.0),
                0.15),
            new QualityAttribute(
                "age-s",
                "age of the newest synchronised data, seconds",
                new ExponentialUtility(3600.0, 0.0, 2.0),
                0.25),
            new QualityAttribute(
                "sync-bytes-per-cell-hour",
                "bytes moved to keep one cell's twin in sync for an hour",
                new LinearUtility(1_000_000.0, 0.0),
                0.1),
            new QualityAttribute(
                "sync-energy-j-per-cell-hour",
                "transmit and compute energy to keep one cell's twin in sync for an hour, J",
                new LinearUtility(100.0, 0.0),
                0.1)));
  }

  /**
   * The same model with some scaling constants replaced.
   *
   * @param constants new k by attribute name; the others keep theirs
   * @return the new model
   * @throws InvalidInputException when a name is unknown or a constant is outside (0, 1)
   */
  public TwinQuality withScalingConstants(Map<String, Double> constants) {
    checkNames(constants.keySet());
    List<QualityAttribute> changed = new ArrayList<>();
    for (QualityAttribute a : attributes) {
      Double k = constants.get(a.name());
      if (k != null && !(k > 0 && k < 1)) {
        throw new InvalidInputException(
            "the scaling constant of '" + a.name() + "' must be in (0, 1), got " + k);
      }
      changed.add(k == null ? a : new QualityAttribute(a.name(), a.description(), a.utility(), k));
    }
    return new TwinQuality(changed);
  }

  private void checkNames(Set<String> given) {
    for (String name : given) {
      if (attributes.stream().noneMatch(a -> a.name().equals(name))) {
        throw new InvalidInputException(
            "unknown quality attribute '" + name + "'; known: " + String.join(", ", names()));
      }
    }
  }

  /**
   * Scores a twin.
   *
   * @param levels every attribute's raw level, by name
   * @return the score
   * @throws InvalidInputException when an attribute is missing, unknown or not a number
   */
  public QualityScore score(Map<String, Double> levels) {
    checkNames(levels.keySet());
    Map<String, Double> ordered = new LinkedHashMap<>();
    Map<String, Double> utilities = new LinkedHashMap<>();
    double[] u = new double[attributes.size()];
    for (int i = 0; i < attributes.size(); i++) {
      QualityAttribute attribute = attributes.get(i);
      Double level = levels.get(attribute.name());
      if (level == null || level.isNaN()) {
        throw new InvalidInputException(
            "quality attribute '" + attribute.name() + "' needs a numeric level");
      }
      u[i] = attribute.utility().utility(level);
      ordered.put(attribute.name(), level);
      utilities.put(attribute.name(), u[i]);
    }
    return new QualityScore(
        ordered, utilities, joint.utility(u), joint.weightedSum(u), joint.interaction());
  }

  /**
   * The attributes.
   *
   * @return them, in order
   */
  public List<QualityAttribute> attributes() {
    return attributes;
  }

  /**
   * The attributes' names.
   *
   * @return them, in order
   */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    attributes.forEach(a -> names.add(a.name()));
    return names;
  }

  /**
   * The joint utility function.
   *
   * @return it
   */
  public MultiplicativeUtility joint() {
    return joint;
  }
}
