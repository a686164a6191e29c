package dnt.core.twin;

import dnt.core.BaseStationId;

/**
 * The relation between two station twins (the paper's inter-twin connectivity, Sec. II): how far
 * apart they are, how much their coverage overlaps, and how alike their traffic is.
 *
 * @param a one station
 * @param b the other station
 * @param distanceM distance between them, metres
 * @param coverageOverlap the fraction of the two stations' users that receive the other station
 *     within the A3 hysteresis of their own (handover candidates between the pair), in [0, 1]
 * @param trafficSimilarity {@code 1 - JSD} of the two stations' user-demand histograms (16 equal
 *     bins up to the larger maximum; Jensen-Shannon divergence in bits), in [0, 1]; NaN when either
 *     station has no users
 */
public record StationRelation(
    BaseStationId a,
    BaseStationId b,
    double distanceM,
    double coverageOverlap,
    double trafficSimilarity) {}
