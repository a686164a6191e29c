package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.geo.Position;
import java.util.Objects;

/**
 * A change to the physical network, the only way a {@link NetworkTwin} changes. Each event names
 * the twins it concerns; {@link NetworkTwin#apply} works out every other twin it affects.
 */
public sealed interface TwinEvent {
  /**
   * A user was measured at a new position; the A3 handover rule is evaluated at the event's time.
   *
   * @param user the user
   * @param position its new position, metres
   * @param timeMs time of the measurement, milliseconds (for the time-to-trigger)
   */
  record UserMoved(UserId user, Position position, long timeMs) implements TwinEvent {
    /** Checks for nulls. */
    public UserMoved {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(position, "position");
    }
  }

  /**
   * An explicit handover of a user to a station.
   *
   * @param user the user
   * @param target the new serving station
   */
  record Handover(UserId user, BaseStationId target) implements TwinEvent {
    /** Checks for nulls. */
    public Handover {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(target, "target");
    }
  }

  /**
   * A station's transmit power changed. Nearby users are re-evaluated with the A3 offset at once.
   *
   * @param station the station
   * @param txPowerDbm its new transmit power, dBm
   */
  record PowerChanged(BaseStationId station, double txPowerDbm) implements TwinEvent {
    /** Checks for nulls. */
    public PowerChanged {
      Objects.requireNonNull(station, "station");
    }
  }

  /**
   * A station was switched on. Users that receive it better than their serving station by the A3
   * offset hand over to it at once.
   *
   * @param station the new station
   */
  record StationAdded(StationSpec station) implements TwinEvent {
    /** Checks for nulls. */
    public StationAdded {
      Objects.requireNonNull(station, "station");
    }
  }

  /**
   * A station went off the air (an outage or a planned switch-off). Its users move to their best
   * remaining station.
   *
   * @param station the station
   */
  record StationRemoved(BaseStationId station) implements TwinEvent {
    /** Checks for nulls. */
    public StationRemoved {
      Objects.requireNonNull(station, "station");
    }
  }

  /**
   * A user's offered traffic was observed.
   *
   * @param user the user
   * @param demandMbps its traffic, Mbit/s
   */
  record TrafficObserved(UserId user, double demandMbps) implements TwinEvent {
    /** Checks for nulls. */
    public TrafficObserved {
      Objects.requireNonNull(user, "user");
    }
  }
}
