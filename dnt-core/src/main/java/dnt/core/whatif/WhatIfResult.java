package dnt.core.whatif;

import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinKpis;

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
    NetworkTwin scenarioTwin) {}
