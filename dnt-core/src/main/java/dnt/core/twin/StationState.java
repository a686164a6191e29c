package dnt.core.twin;

import dnt.core.BaseStationId;

/**
 * The external properties of a station twin.
 *
 * @param id the station
 * @param active false once the station is removed (an outage)
 * @param txPowerDbm its current transmit power, dBm
 * @param loadMbps offered traffic of its users, Mbit/s
 * @param activeUsers number of users it serves
 * @param activityFactor {@code min(1, load / capacity)}: the fraction of its resources in use,
 *     which scales the interference it causes
 */
public record StationState(
    BaseStationId id,
    boolean active,
    double txPowerDbm,
    double loadMbps,
    int activeUsers,
    double activityFactor) {}
