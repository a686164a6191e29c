package dnt.core.radio;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.geo.Position;
import java.util.Objects;

/**
 * A transmitting station of a static layout.
 *
 * @param id the station's id
 * @param position where it stands, metres
 * @param heightM antenna height, metres (positive)
 * @param txPowerDbm transmit power including antenna gain (EIRP), dBm
 */
public record Transmitter(BaseStationId id, Position position, double heightM, double txPowerDbm) {
  /** Validates the station. */
  public Transmitter {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(position, "position");
    if (!(heightM > 0) || Double.isInfinite(heightM)) {
      throw new InvalidInputException(
          "station " + id + " has height " + heightM + " m; heights must be positive");
    }
    if (!Double.isFinite(txPowerDbm)) {
      throw new InvalidInputException(
          "station " + id + " has transmit power " + txPowerDbm + " dBm; it must be finite");
    }
  }
}
