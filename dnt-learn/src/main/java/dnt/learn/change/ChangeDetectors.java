package dnt.learn.change;

import dnt.core.Registry;
import java.util.function.Function;

/** The change detectors by name (docs/change-detection.md); each factory takes the settings. */
public final class ChangeDetectors {
  private ChangeDetectors() {}

  /**
   * What a detector may need.
   *
   * @param hidden the GCN's embedding width
   * @param epochs the GCN autoencoder's Adam steps
   * @param learningRate its step size
   * @param loadFeature which node feature is the load (for the raw baseline)
   */
  public record Settings(int hidden, int epochs, double learningRate, int loadFeature) {}

  /** The detectors. */
  public static final Registry<Function<Settings, ChangeDetector>> REGISTRY =
      Registry.<Function<Settings, ChangeDetector>>of("change detector")
          .add(
              "gcn",
              "GCN node embeddings of a graph autoencoder trained on the unchanged period",
              s -> new GcnDetector(s.hidden(), s.epochs(), s.learningRate()))
          .add(
              "raw-threshold",
              "the raw weighted degree and load of every station",
              s -> new RawThresholdDetector(s.loadFeature()))
          .build();
}
