package dnt.data.twinbuild;

import dnt.core.BaseStationId;
import dnt.core.geo.Position;
import dnt.core.twin.StationSpec;

/**
 * The radio settings given to every station of a built twin (the data give positions only).
 *
 * @param heightM antenna height, metres
 * @param txPowerDbm transmit power, dBm
 * @param antennaGainDb antenna gain, dBi
 * @param capacityMbps traffic at which a station is fully active, Mbit/s
 */
public record StationProfile(
    double heightM, double txPowerDbm, double antennaGainDb, double capacityMbps) {
  /** Validates the profile by building a sample station. */
  public StationProfile {
    new StationSpec(
        BaseStationId.of(0), new Position(0, 0), heightM, txPowerDbm, antennaGainDb, capacityMbps);
  }

  /**
   * Small cells: 10 m masts, 30 dBm, no antenna gain, 150 Mbit/s.
   *
   * @return the profile
   */
  public static StationProfile smallCell() {
    return new StationProfile(10, 30, 0, 150);
  }

  /**
   * Macro cells: 25 m masts, 43 dBm, 8 dBi, 300 Mbit/s.
   *
   * @return the profile
   */
  public static StationProfile macro() {
    return new StationProfile(25, 43, 8, 300);
  }

  /**
   * A station with this profile.
   *
   * @param id its id
   * @param position its position
   * @return the station
   */
  public StationSpec station(BaseStationId id, Position position) {
    return new StationSpec(id, position, heightM, txPowerDbm, antennaGainDb, capacityMbps);
  }
}
