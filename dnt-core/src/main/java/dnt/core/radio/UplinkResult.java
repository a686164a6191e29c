package dnt.core.radio;

import dnt.core.BaseStationId;
import dnt.core.UserId;

/**
 * The uplink of one user in a static layout.
 *
 * @param user the user
 * @param serving its station (the one it receives strongest in the downlink)
 * @param txPowerDbm its transmit power under open-loop power control, dBm
 * @param sinrDb SINR at the serving station, dB
 * @param rateMbps {@code bandwidth x spectral efficiency(SINR)} when scheduled, Mbit/s
 */
public record UplinkResult(
    UserId user, BaseStationId serving, double txPowerDbm, double sinrDb, double rateMbps) {}
