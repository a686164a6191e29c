package dnt.core.radio;

import dnt.core.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A propagation model that takes a link's path loss from its station's ray-traced {@link
 * PathGainMap} (a radio-map twin merged into the network twin, paper Sec. III-A2 b, multi-twin
 * merging), with a statistical model (TR 38.901) as the fallback where there is no map value: a
 * station without a map, a user outside its map's grid, or next to a grid point without a value.
 *
 * <p>Two fusions, registered in {@link RadioMapModels}:
 *
 * <ul>
 *   <li>{@code raymap}: the map wherever it has a value;
 *   <li>{@code fused}: the map where its value is reliable, and elsewhere inside the map the
 *       fallback's NLOS loss. A point is reliable when it has line of sight or when paths with at
 *       most one wall reflection (R, G, GR, RG) carry at least half its power: those are the paths
 *       a tracer gets right from footprints alone; a point lit mainly by double reflections or
 *       rooftop diffraction depends on details the scene lacks (and, without diffraction, may have
 *       no path at all), and the tracer found no line of sight there, so the statistical NLOS loss
 *       is the better estimate. Reconstructed: the paper names multi-twin merging but gives no
 *       rule; this one is ours.
 * </ul>
 *
 * <p>Map values are deterministic: the link budget adds no random LOS state or shadowing to them
 * (the fallback's links keep both). The map is traced at one receiver height and applies to users
 * at any height. Every distance-only call ({@link #pathLossDb}, {@link #losProbability}, {@link
 * #shadowingSigmaDb}) is the fallback's.
 */
public final class RadioMapModel implements PropagationModel {
  private final String name;
  private final PropagationModel fallback;
  private final Map<Long, PathGainMap> maps;
  private final List<PathGainMap> mapList;
  private final boolean fused;

  /**
   * Creates the model.
   *
   * @param name its registry name
   * @param fallback the model outside the maps
   * @param maps the stations' maps (at most one per station)
   * @param fused whether unreliable map values are replaced by the fallback's NLOS loss
   */
  RadioMapModel(String name, PropagationModel fallback, List<PathGainMap> maps, boolean fused) {
    this.name = name;
    this.fallback = fallback;
    this.fused = fused;
    this.mapList = List.copyOf(maps);
    this.maps = new HashMap<>();
    for (PathGainMap m : maps) {
      if (this.maps.put(m.stationKey(), m) != null) {
        throw new InvalidInputException("two path-gain maps for station " + m.stationKey());
      }
    }
  }

  /**
   * The stations' maps, in the order the model was made with.
   *
   * @return them
   */
  public List<PathGainMap> maps() {
    return mapList;
  }

  /**
   * The fallback model.
   *
   * @return it
   */
  public PropagationModel fallback() {
    return fallback;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public double carrierGhz() {
    return fallback.carrierGhz();
  }

  @Override
  public double pathLossDb(
      double distance2dM, double stationHeightM, double userHeightM, boolean lineOfSight) {
    return fallback.pathLossDb(distance2dM, stationHeightM, userHeightM, lineOfSight);
  }

  @Override
  public double losProbability(double distance2dM, double userHeightM) {
    return fallback.losProbability(distance2dM, userHeightM);
  }

  @Override
  public double shadowingSigmaDb(boolean lineOfSight) {
    return fallback.shadowingSigmaDb(lineOfSight);
  }

  /**
   * The loss the maps give a link.
   *
   * @param stationKey the station's id
   * @param userX the user's x, m
   * @param userY the user's y, m
   * @param distance2dM the horizontal distance, m
   * @param stationHeightM the station's height, m
   * @param userHeightM the user's height, m
   * @return the loss, dB; NaN where the fallback's link budget applies
   */
  public double siteLossDb(
      long stationKey,
      double userX,
      double userY,
      double distance2dM,
      double stationHeightM,
      double userHeightM) {
    PathGainMap map = maps.get(stationKey);
    if (map == null) {
      return Double.NaN;
    }
    double gain = map.gainDbAt(userX, userY);
    if (Double.isNaN(gain)) {
      return Double.NaN;
    }
    if (fused && !map.reliableAt(userX, userY)) {
      return fallback.pathLossDb(distance2dM, stationHeightM, userHeightM, false);
    }
    return -gain;
  }

  /**
   * A lower bound on {@link #siteLossDb} at a distance, over every map (the fused model's other
   * values are the fallback's NLOS loss, bounded by the link budget's own bound).
   *
   * @param distance2dM horizontal distance, m
   * @return the bound, dB
   */
  public double minSiteLossDb(double distance2dM) {
    double best = Double.POSITIVE_INFINITY;
    for (PathGainMap m : maps.values()) {
      best = Math.min(best, m.minLossDb(distance2dM));
    }
    return best;
  }

  @Override
  public String toString() {
    return name + "(" + maps.size() + " maps, fallback " + fallback + ")";
  }
}
