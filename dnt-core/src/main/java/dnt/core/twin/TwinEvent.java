package dnt.core.twin;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.geo.Position;
import java.util.List;
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

  /**
   * The offered traffic of many users observed at once, as one cell's telemetry sets the demand of
   * every user in the cell. {@link NetworkTwin#apply} sets the demands in list order (a user listed
   * twice ends with its last demand) and propagates once: each station's load changes by the same
   * additions, in the same order, as the sequence of single {@link TrafficObserved} events would
   * make, so loads and activity factors equal that sequence's bit for bit; each station whose
   * activity factor changed then spreads its change to the users it reaches once instead of once
   * per user, so interference, SINR and rates agree with the sequence and with a full recomputation
   * to the running sums' rounding (see {@link NetworkTwin}). Rejected as a whole, before anything
   * changes, when any observation names an unknown user or a bad demand.
   *
   * @param observations the users' demands, in the order they are set (at least one)
   */
  record TrafficBatch(List<TrafficObserved> observations) implements TwinEvent {
    /** Copies the list and checks it is not empty. */
    public TrafficBatch {
      observations = List.copyOf(observations);
      if (observations.isEmpty()) {
        throw new IllegalArgumentException("a traffic batch needs at least one observation");
      }
    }
  }
}
