package dnt.core.radio;

import dnt.core.BaseStationId;
import dnt.core.PhysicalLimits;
import dnt.core.geo.Position;
import java.util.Objects;

/**
 * A transmitting station of a static layout.
 *
 * @param id the station's id
 * @param position where it stands, metres ({@link PhysicalLimits#COORDINATE_M})
 * @param heightM antenna height, metres ({@link PhysicalLimits#STATION_HEIGHT_M})
 * @param txPowerDbm transmit power including antenna gain (EIRP), dBm ({@link
 *     PhysicalLimits#TX_POWER_DBM})
 */
public record Transmitter(BaseStationId id, Position position, double heightM, double txPowerDbm) {
  /** Validates the station. */
  public Transmitter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(position, "position");
    String subject = "station " + id;
    PhysicalLimits.COORDINATE_M.check(subject, position.x());
    PhysicalLimits.COORDINATE_M.check(subject, position.y());
    PhysicalLimits.STATION_HEIGHT_M.check(subject, heightM);
    PhysicalLimits.TX_POWER_DBM.check(subject, txPowerDbm);
  }
}
