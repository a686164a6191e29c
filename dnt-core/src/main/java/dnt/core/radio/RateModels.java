package dnt.core.radio;

import dnt.core.InvalidInputException;
import dnt.core.Registry;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The rate models by name, a {@link Registry} table: {@code shannon} ({@link Shannon}) and {@code
 * attenuated-shannon} ({@link AttenuatedShannon}, alias {@code attenuated}). The command line
 * ({@code --rate}) makes a model with its defaults; a twin snapshot stores a model's name and its
 * {@link RateModel#parameters()} and makes it again from them.
 */
public final class RateModels {
  /**
   * How a rate model is made: with its defaults, or from the parameters it was saved with.
   *
   * @param defaults the model with its default parameters
   * @param parameterCount how many parameters {@link RateModel#parameters()} returns
   * @param fromParameters the model with saved parameters
   */
  public record Factory(
      Supplier<RateModel> defaults,
      int parameterCount,
      Function<double[], RateModel> fromParameters) {
    /**
     * Makes the model from saved parameters.
     *
     * @param parameters exactly {@link #parameterCount()} values
     * @return the model
     */
    public RateModel make(double[] parameters) {
      if (parameters.length != parameterCount) {
        throw new InvalidInputException(
            "expected " + parameterCount + " rate model parameters, got " + parameters.length);
      }
      return fromParameters.apply(parameters.clone());
    }
  }

  /** The family. */
  public static final Registry<Factory> MODELS =
      Registry.<Factory>of("rate model")
          .add(
              "shannon",
              "the Shannon bound, log2(1 + SINR)",
              new Factory(Shannon::new, 0, p -> new Shannon()))
          .add(
              "attenuated-shannon",
              "3GPP TR 36.942 A.2 attenuated Shannon bound (downlink: alpha 0.6, -10 dB, 4.4)",
              new Factory(
                  AttenuatedShannon::downlink, 3, p -> new AttenuatedShannon(p[0], p[1], p[2])))
          .alias("attenuated", "attenuated-shannon")
          .build();

  private RateModels() {}

  /**
   * The names of the registered models.
   *
   * @return {@code [shannon, attenuated-shannon]}
   */
  public static List<String> names() {
    return MODELS.names();
  }

  /**
   * Makes a model with its default parameters.
   *
   * @param name a registered name or alias, any case
   * @return the model
   * @throws InvalidInputException for an unknown name, listing the known ones
   */
  public static RateModel byName(String name) {
    return MODELS.factory(name).defaults().get();
  }
}
