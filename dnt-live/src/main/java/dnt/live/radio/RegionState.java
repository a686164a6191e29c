package dnt.live.radio;

import dnt.core.twin.StationState;
import dnt.core.twin.UserState;
import java.util.List;

/**
 * What a region reports: the state of its own stations and users (never of its copies), in the
 * whole twin's order. Gathered from every region, these are the partitioned radio twin's
 * per-station and per-user KPIs, from which {@link RegionKpis} makes the network's.
 *
 * @param region the region number
 * @param stations its own stations' states
 * @param capacitiesMbps their capacities, in the same order (a station is overloaded when its load
 *     exceeds its capacity)
 * @param users its own users' states
 * @param coverageHoles own users unserved or received below the coverage threshold
 */
public record RegionState(
    int region,
    List<StationState> stations,
    double[] capacitiesMbps,
    List<UserState> users,
    int coverageHoles)
    implements RegionWire {
  /** Copies the lists. */
  public RegionState {
    stations = List.copyOf(stations);
    users = List.copyOf(users);
    capacitiesMbps = capacitiesMbps.clone();
  }
}
