package dnt.core.whatif;

import dnt.core.InvalidInputException;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationChange;
import dnt.core.twin.TwinDelta;
import dnt.core.twin.TwinEvent;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.List;

/**
 * What-if analysis (Zhang et al., Sec. II: a twin lets the operator "try changes safely before they
 * touch the real network"): forks the twin copy-on-write, applies hypothetical events to the fork
 * and compares KPIs. The original twin is never modified.
 *
 * <p>Callers state the scenario as typed {@link Change}s (the vocabulary of {@code dnt twin
 * whatif}'s changes file, range-checked) or as raw {@link TwinEvent}s; {@link
 * WhatIfResult#kpiChanges()} lists each KPI before and after.
 */
public final class WhatIf {
  private WhatIf() {}

  /**
   * Evaluates a scenario stated as typed changes.
   *
   * @param twin the original twin (left untouched)
   * @param changes the hypothetical changes, applied in order
   * @return the comparison
   * @throws InvalidInputException when the fork rejects a change (a station or user not in the
   *     twin); the message numbers the change from 1
   */
  public static WhatIfResult evaluateChanges(NetworkTwin twin, List<? extends Change> changes) {
    return evaluate(twin, changes.stream().map(Change::event).toList());
  }

  /**
   * Evaluates a scenario stated as twin events.
   *
   * @param twin the original twin (left untouched)
   * @param changes the hypothetical events, applied in order
   * @return the comparison
   * @throws InvalidInputException when the fork rejects a change; the message numbers the change
   *     from 1
   */
  public static WhatIfResult evaluate(NetworkTwin twin, List<TwinEvent> changes) {
    NetworkTwin fork = twin.fork();
    IntOpenHashSet users = new IntOpenHashSet();
    IntOpenHashSet stations = new IntOpenHashSet();
    for (int i = 0; i < changes.size(); i++) {
      TwinDelta d;
      try {
        d = fork.apply(changes.get(i));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("change " + (i + 1) + ": " + e.getMessage(), e);
      }
      for (int k = 0; k < d.userChangeCount(); k++) {
        users.add(d.changedUserId(k));
      }
      for (StationChange c : d.stationChanges()) {
        stations.add(c.after().id().value());
      }
    }
    return new WhatIfResult(
        twin.kpis(), fork.kpis(), changes.size(), users.size(), stations.size(), fork);
  }
}
