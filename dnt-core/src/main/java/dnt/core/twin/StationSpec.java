package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.geo.Position;
import java.util.Objects;

/**
 * The internal properties of a base station: what the operator configures. All stations share the
 * twin's carrier and bandwidth ({@link TwinConfig}).
 *
 * @param id the station's id
 * @param position where it stands, metres
 * @param heightM antenna height, metres (positive)
 * @param txPowerDbm transmit power, dBm
 * @param antennaGainDb antenna gain, dBi (isotropic pattern)
 * @param capacityMbps the traffic at which the station is fully active, Mbit/s (positive)
 */
public record StationSpec(
    BaseStationId id,
    Position position,
    double heightM,
    double txPowerDbm,
    double antennaGainDb,
    double capacityMbps) {
  /** Validates the station. */
  public StationSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(position, "position");
    if (!(heightM > 0) || Double.isInfinite(heightM)) {
      throw new InvalidInputException(
          "station " + id + " has height " + heightM + " m; it must be positive");
    }
    if (!Double.isFinite(txPowerDbm) || !Double.isFinite(antennaGainDb)) {
      throw new InvalidInputException(
          "station " + id + " has a non-finite transmit power or antenna gain");
    }
    if (!(capacityMbps > 0) || Double.isInfinite(capacityMbps)) {
      throw new InvalidInputException(
          "station " + id + " has capacity " + capacityMbps + " Mbit/s; it must be positive");
    }
  }

  /**
   * Effective isotropic radiated power.
   *
   * @return transmit power plus antenna gain, dBm
   */
  public double eirpDbm() {
    return txPowerDbm + antennaGainDb;
  }

  /**
   * The same station with another transmit power.
   *
   * @param dbm the new power
   * @return the changed spec
   */
  public StationSpec withTxPowerDbm(double dbm) {
    return new StationSpec(id, position, heightM, dbm, antennaGainDb, capacityMbps);
  }
}
