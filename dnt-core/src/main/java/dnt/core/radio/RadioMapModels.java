package dnt.core.radio;

import dnt.core.Registry;
import java.util.List;

/**
 * The radio-map propagation models by name, a {@link Registry} table: each is made from a fallback
 * model (one of {@link Propagation#MODELS}) and the stations' {@link PathGainMap}s.
 */
public final class RadioMapModels {
  /** Makes a radio-map model. */
  @FunctionalInterface
  public interface Factory {
    /**
     * Makes the model.
     *
     * @param fallback the model where there is no map value
     * @param maps the stations' maps
     * @return the model
     */
    RadioMapModel make(PropagationModel fallback, List<PathGainMap> maps);
  }

  /** The family: {@code raymap} and {@code fused}. */
  public static final Registry<Factory> MODELS =
      Registry.<Factory>of("radio-map model")
          .add(
              "raymap",
              "ray-traced path-gain maps, the fallback (TR 38.901) outside them",
              (fallback, maps) -> new RadioMapModel("raymap", fallback, maps, false))
          .add(
              "fused",
              "the maps where LOS or single reflections carry the power, the fallback's NLOS loss"
                  + " elsewhere in them, the fallback outside",
              (fallback, maps) -> new RadioMapModel("fused", fallback, maps, true))
          .build();

  private RadioMapModels() {}
}
