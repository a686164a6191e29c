package dnt.core.twin;

/**
 * Key performance indicators of a twin. SINR statistics are over served users, in dB (the mean of
 * the dB values); rate statistics are over all users, unserved ones counting as 0.
 *
 * @param users number of users
 * @param servedUsers users with a serving station
 * @param activeStations stations on the air
 * @param usersPerStationMean mean users per active station
 * @param usersPerStationMax most users on one station
 * @param sinrMeanDb mean SINR, dB
 * @param sinrP5Db 5th percentile of SINR, dB
 * @param rateMeanMbps mean rate, Mbit/s
 * @param rateP5Mbps 5th percentile of rate, Mbit/s
 * @param coverageHoles users unserved or received below the coverage threshold
 * @param meanActivity mean activity factor of active stations
 * @param overloadedStations active stations whose load exceeds their capacity
 */
public record TwinKpis(
    int users,
    int servedUsers,
    int activeStations,
    double usersPerStationMean,
    int usersPerStationMax,
    double sinrMeanDb,
    double sinrP5Db,
    double rateMeanMbps,
    double rateP5Mbps,
    int coverageHoles,
    double meanActivity,
    int overloadedStations) {}
