package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.PhysicalLimits;
import dnt.core.geo.Position;
import java.util.Objects;

/**
 * The internal properties of a base station: what the operator configures. All stations share the
 * twin's carrier and bandwidth ({@link TwinConfig}).
 *
 * @param id the station's id
 * @param position where it stands, metres
 * @param heightM antenna height, metres ({@link PhysicalLimits#STATION_HEIGHT_M})
 * @param txPowerDbm transmit power, dBm ({@link PhysicalLimits#TX_POWER_DBM})
 * @param antennaGainDb antenna gain, dBi, isotropic pattern ({@link
 *     PhysicalLimits#ANTENNA_GAIN_DBI})
 * @param capacityMbps the traffic at which the station is fully active, Mbit/s ({@link
 *     PhysicalLimits#CAPACITY_MBPS})
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
    String subject = "station " + id;
    PhysicalLimits.STATION_HEIGHT_M.check(subject, heightM);
    PhysicalLimits.TX_POWER_DBM.check(subject, txPowerDbm);
    PhysicalLimits.ANTENNA_GAIN_DBI.check(subject, antennaGainDb);
    PhysicalLimits.CAPACITY_MBPS.check(subject, capacityMbps);
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
