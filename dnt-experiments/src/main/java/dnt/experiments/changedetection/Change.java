package dnt.experiments.changedetection;

import java.util.Arrays;
import java.util.Locale;

/**
 * A change of the physical network injected into the station traffic, from hour {@code hour} on.
 *
 * @param kind what changes
 * @param station the station it happens to (-1 for none)
 * @param hour the first changed hour (the sequence's length for none)
 */
record Change(Kind kind, int station, int hour) {
  /** The kinds of change. */
  enum Kind {
    /** No change: a clean sequence, for false alarms. */
    NONE,
    /**
     * The station is switched off: it disappears from the graph and its traffic moves to its
     * nearest station.
     */
    SWITCH_OFF,
    /**
     * A new station: absent before the change (its traffic carried by its nearest station), it
     * takes its traffic over at the change.
     */
    NEW_STATION,
    /**
     * A shift in traffic similarity: the station's traffic is delayed by {@code shiftHours} (the
     * same volume, another daily rhythm, as when an office district turns residential), so its
     * correlation with its neighbours changes.
     */
    SIMILARITY_SHIFT;

    /**
     * The kind's name in the outputs.
     *
     * @return lower case with dashes
     */
    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * Applies the change to the stations' traffic.
   *
   * @param base the unchanged traffic
   * @param shiftHours the delay of a similarity shift
   * @return the traffic (copied) and which station is active in each hour
   */
  Injected apply(StationTraffic base, int shiftHours) {
    int n = base.stations();
    int hours = base.hours();
    double[][] traffic = new double[n][];
    boolean[][] active = new boolean[n][hours];
    for (int i = 0; i < n; i++) {
      traffic[i] = base.hourly()[i].clone();
      Arrays.fill(active[i], true);
    }
    if (kind == Kind.NONE) {
      return new Injected(traffic, active);
    }
    int s = station;
    int nearest = -1;
    for (int j = 0; j < n; j++) {
      if (j != s && (nearest < 0 || base.distance(s, j) < base.distance(s, nearest))) {
        nearest = j;
      }
    }
    int from = kind == Kind.NEW_STATION ? 0 : hour;
    int to = kind == Kind.NEW_STATION ? hour : hours;
    switch (kind) {
      case SWITCH_OFF, NEW_STATION -> {
        for (int t = from; t < to; t++) {
          active[s][t] = false;
          traffic[nearest][t] += traffic[s][t];
          traffic[s][t] = 0;
        }
      }
      case SIMILARITY_SHIFT -> {
        for (int t = hour; t < hours; t++) {
          traffic[s][t] = base.hourly()[s][t - shiftHours];
        }
      }
      case NONE -> throw new IllegalStateException("handled above");
    }
    return new Injected(traffic, active);
  }

  /**
   * Traffic with a change injected.
   *
   * @param traffic per station and hour
   * @param active whether each station is on in each hour
   */
  record Injected(double[][] traffic, boolean[][] active) {}
}
