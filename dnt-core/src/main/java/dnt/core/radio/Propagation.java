package dnt.core.radio;

import dnt.core.InvalidInputException;
import dnt.core.PhysicalLimits;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The registry of propagation models, by name: {@code uma} ({@link UrbanMacro}), {@code umi}
 * ({@link UrbanMicro}) and {@code fspl} ({@link FreeSpace}).
 */
public final class Propagation {
  /** Shortest horizontal distance of the 38.901 models, metres (Table 7.4.1-1). */
  public static final double MIN_DISTANCE_2D_M = 10.0;

  private Propagation() {}

  private enum Entry {
    UMA(UrbanMacro::new),
    UMI(UrbanMicro::new),
    FSPL(FreeSpace::new);

    // the factories are constructor references, stateless and so immutable
    @SuppressWarnings("ImmutableEnumChecker")
    private final DoubleFunction<PropagationModel> factory;

    Entry(DoubleFunction<PropagationModel> factory) {
      this.factory = factory;
    }
  }

  /**
   * The names of the registered models.
   *
   * @return {@code [uma, umi, fspl]}
   */
  public static List<String> names() {
    return List.of("uma", "umi", "fspl");
  }

  /**
   * Makes a model by name.
   *
   * @param name {@code uma}, {@code umi} or {@code fspl}, any case
   * @param carrierGhz the carrier frequency, GHz
   * @return the model
   */
  public static PropagationModel byName(String name, double carrierGhz) {
    Entry entry;
    try {
      entry = Entry.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "propagation model '" + name + "' is unknown; use one of " + names(), e);
    }
    return entry.factory.apply(carrierGhz);
  }

  static void checkCarrier(double carrierGhz) {
    PhysicalLimits.CARRIER_GHZ.check("the propagation model (TR 38.901)", carrierGhz);
  }
}
