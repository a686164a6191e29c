package dnt.core.twin;

import dnt.core.InvalidInputException;
import dnt.core.geo.GeoBounds;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.RateModel;
import dnt.core.radio.Shannon;
import dnt.core.radio.ThermalNoise;
import dnt.core.radio.UrbanMicro;
import java.util.Objects;

/**
 * Everything about a twin that is not a station or a user: the area, the radio, the handover rule,
 * and how the twin indexes and approximates.
 *
 * @param area the area every station and user must lie in, metres
 * @param links the link model (path loss, LOS, shadowing, seed)
 * @param bandwidthHz the carrier bandwidth shared by all stations, Hz
 * @param noiseFigureDb the users' receiver noise figure, dB
 * @param rate how SINR maps to spectral efficiency
 * @param floor the interference floor
 * @param handover the A3 rule
 * @param coverageRsrpDbm a user receiving its server below this is a coverage hole, dBm
 * @param gridCellM side of the spatial index's cells, metres
 */
public record TwinConfig(
    GeoBounds area,
    LinkBudget links,
    double bandwidthHz,
    double noiseFigureDb,
    RateModel rate,
    InterferenceFloor floor,
    HandoverRule handover,
    double coverageRsrpDbm,
    double gridCellM) {
  /** Validates the configuration. */
  public TwinConfig {
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(links, "links");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(handover, "handover");
    ThermalNoise.checkReceiver(bandwidthHz, noiseFigureDb);
    if (Double.isNaN(coverageRsrpDbm)) {
      throw new InvalidInputException("the coverage threshold must be a number");
    }
    if (!(gridCellM > 0) || Double.isInfinite(gridCellM)) {
      throw new InvalidInputException("the grid cell size must be positive, got " + gridCellM);
    }
  }

  /**
   * Defaults for a dense urban small-cell network: UMi street canyon at 3.5 GHz with random LOS and
   * no shadowing, 20 MHz, 9 dB noise figure, Shannon rate, a floor 20 dB under the noise, A3 with 3
   * dB and 160 ms, holes below -110 dBm, 250 m grid cells.
   *
   * @param area the area
   * @return the configuration
   */
  public static TwinConfig defaults(GeoBounds area) {
    return new TwinConfig(
        area,
        new LinkBudget(new UrbanMicro(3.5), LosMode.RANDOM, false, 42),
        20e6,
        9,
        new Shannon(),
        InterferenceFloor.defaults(),
        HandoverRule.defaults(),
        -110,
        250);
  }

  /**
   * Noise power.
   *
   * @return the noise power, mW
   */
  public double noiseMw() {
    return ThermalNoise.mw(bandwidthHz, noiseFigureDb);
  }

  /**
   * This configuration over another area.
   *
   * @param a the area
   * @return the changed configuration
   */
  public TwinConfig withArea(GeoBounds a) {
    return new TwinConfig(
        a, links, bandwidthHz, noiseFigureDb, rate, floor, handover, coverageRsrpDbm, gridCellM);
  }

  /**
   * This configuration with another link model.
   *
   * @param l the link model
   * @return the changed configuration
   */
  public TwinConfig withLinks(LinkBudget l) {
    return new TwinConfig(
        area, l, bandwidthHz, noiseFigureDb, rate, floor, handover, coverageRsrpDbm, gridCellM);
  }

  /**
   * This configuration with another interference floor.
   *
   * @param f the floor
   * @return the changed configuration
   */
  public TwinConfig withFloor(InterferenceFloor f) {
    return new TwinConfig(
        area, links, bandwidthHz, noiseFigureDb, rate, f, handover, coverageRsrpDbm, gridCellM);
  }

  /**
   * This configuration with another handover rule.
   *
   * @param h the rule
   * @return the changed configuration
   */
  public TwinConfig withHandover(HandoverRule h) {
    return new TwinConfig(
        area, links, bandwidthHz, noiseFigureDb, rate, floor, h, coverageRsrpDbm, gridCellM);
  }

  /**
   * This configuration with another rate model.
   *
   * @param r the rate model
   * @return the changed configuration
   */
  public TwinConfig withRate(RateModel r) {
    return new TwinConfig(
        area, links, bandwidthHz, noiseFigureDb, r, floor, handover, coverageRsrpDbm, gridCellM);
  }

  /**
   * This configuration with another grid cell size.
   *
   * @param cellM the cell side, metres
   * @return the changed configuration
   */
  public TwinConfig withGridCellM(double cellM) {
    return new TwinConfig(
        area, links, bandwidthHz, noiseFigureDb, rate, floor, handover, coverageRsrpDbm, cellM);
  }
}
