package dnt.core.whatif;

import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinKpis;
import java.util.List;

/**
 * The outcome of a what-if analysis.
 *
 * @param baseline the original twin's KPIs
 * @param scenario the KPIs after the hypothetical events
 * @param eventsApplied how many events were applied
 * @param usersAffected distinct users whose external state some event changed
 * @param stationsAffected distinct stations whose external state some event changed
 * @param scenarioTwin the forked twin, for further inspection
 */
public record WhatIfResult(
    TwinKpis baseline,
    TwinKpis scenario,
    int eventsApplied,
    int usersAffected,
    int stationsAffected,
    NetworkTwin scenarioTwin) {
  /**
   * Every KPI but the user count, before and after, in the order reports print them.
   *
   * @return one row per KPI
   */
  public List<KpiChange> kpiChanges() {
    TwinKpis a = baseline;
    TwinKpis z = scenario;
    return List.of(
        new KpiChange("served users", a.servedUsers(), z.servedUsers()),
        new KpiChange("active stations", a.activeStations(), z.activeStations()),
        new KpiChange("users per station, mean", a.usersPerStationMean(), z.usersPerStationMean()),
        new KpiChange("users per station, max", a.usersPerStationMax(), z.usersPerStationMax()),
        new KpiChange("SINR mean, dB", a.sinrMeanDb(), z.sinrMeanDb()),
        new KpiChange("SINR 5th percentile, dB", a.sinrP5Db(), z.sinrP5Db()),
        new KpiChange("rate mean, Mbit/s", a.rateMeanMbps(), z.rateMeanMbps()),
        new KpiChange("rate 5th percentile, Mbit/s", a.rateP5Mbps(), z.rateP5Mbps()),
        new KpiChange("coverage holes (users)", a.coverageHoles(), z.coverageHoles()),
        new KpiChange("activity factor, mean", a.meanActivity(), z.meanActivity()),
        new KpiChange("overloaded stations", a.overloadedStations(), z.overloadedStations()));
  }
}
