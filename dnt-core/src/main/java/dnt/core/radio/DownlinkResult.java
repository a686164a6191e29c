package dnt.core.radio;

import dnt.core.BaseStationId;
import dnt.core.UserId;

/**
 * The downlink of one user in a static layout.
 *
 * @param user the user
 * @param serving the station with the highest received power
 * @param rsrpDbm received power from the serving station, dBm
 * @param sinrDb SINR, dB
 * @param rateMbps {@code bandwidth x spectral efficiency(SINR)}, Mbit/s
 */
public record DownlinkResult(
    UserId user, BaseStationId serving, double rsrpDbm, double sinrDb, double rateMbps) {}
