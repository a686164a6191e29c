package dnt.core.radio;

import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import dnt.core.Registry;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * The propagation models by name, a {@link Registry} table: {@code uma} ({@link UrbanMacro}),
 * {@code umi} ({@link UrbanMicro}) and {@code fspl} ({@link FreeSpace}), each made from its carrier
 * frequency in GHz. The command line ({@code --model}) and twin snapshots both look models up here.
 */
public final class Propagation {
  /** Shortest horizontal distance of the 38.901 models, metres (Table 7.4.1-1). */
  public static final double MIN_DISTANCE_2D_M = 10.0;

  /** The family: name to a factory taking the carrier frequency in GHz. */
  public static final Registry<DoubleFunction<PropagationModel>> MODELS =
      Registry.<DoubleFunction<PropagationModel>>of("propagation model")
          .add("uma", "3GPP TR 38.901 urban macro (UMa)", UrbanMacro::new)
          .add("umi", "3GPP TR 38.901 urban micro, street canyon (UMi)", UrbanMicro::new)
          .add("fspl", "free-space path loss (Friis), every link line of sight", FreeSpace::new)
          .build();

  private Propagation() {}

  /**
   * The names of the registered models.
   *
   * @return {@code [uma, umi, fspl]}
   */
  public static List<String> names() {
    return MODELS.names();
  }

  /**
   * Makes a model by name.
   *
   * @param name {@code uma}, {@code umi} or {@code fspl}, any case
   * @param carrierGhz the carrier frequency, GHz
   * @return the model
   * @throws InvalidInputException for an unknown name (listing the known ones) or a carrier outside
   *     the range of TR 38.901
   */
  public static PropagationModel byName(String name, double carrierGhz) {
    return MODELS.factory(name).apply(carrierGhz);
  }

  static void checkCarrier(double carrierGhz) {
    PhysicalLimits.CARRIER_GHZ.check("the propagation model (TR 38.901)", carrierGhz);
  }
}
