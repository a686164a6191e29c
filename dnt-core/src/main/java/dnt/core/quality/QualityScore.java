package dnt.core.quality;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A twin's quality at one moment.
 *
 * @param levels each attribute's raw level, by name, in the model's order
 * @param utilities each attribute's single-attribute utility, by name, in the model's order
 * @param joint the multiplicative multi-attribute utility
 * @param weightedSum the normalised weighted sum of the same utilities, for comparison
 * @param interaction how the model's attributes interact
 */
public record QualityScore(
    Map<String, Double> levels,
    Map<String, Double> utilities,
    double joint,
    double weightedSum,
    Interaction interaction) {
  /** Copies the maps. */
  public QualityScore {
    levels = Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    utilities = Collections.unmodifiableMap(new LinkedHashMap<>(utilities));
  }
}
