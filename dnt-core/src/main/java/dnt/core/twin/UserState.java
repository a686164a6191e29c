package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import org.jspecify.annotations.Nullable;

/**
 * The external properties of a user twin: what the network makes of it.
 *
 * @param id the user
 * @param serving its serving station, or {@code null} when no station covers it
 * @param rsrpDbm received power from the serving station, dBm ({@code -Infinity} when unserved)
 * @param interferenceMw load-weighted interference from the other stations, mW
 * @param sinrDb SINR, dB ({@code -Infinity} when unserved)
 * @param share the user's share of its station's resources, 1 / active users (0 when unserved)
 * @param rateMbps {@code share x bandwidth x spectral efficiency(SINR)}, Mbit/s
 * @param demandMbps offered traffic, Mbit/s
 */
public record UserState(
    UserId id,
    @Nullable BaseStationId serving,
    double rsrpDbm,
    double interferenceMw,
    double sinrDb,
    double share,
    double rateMbps,
    double demandMbps) {
  /**
   * Whether a station serves the user.
   *
   * @return {@code serving != null}
   */
  public boolean served() {
    return serving != null;
  }
}
