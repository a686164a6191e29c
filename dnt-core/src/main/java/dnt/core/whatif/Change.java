package dnt.core.whatif;

import dnt.core.BaseStationId;
import dnt.core.PhysicalLimits;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinEvent;
import java.util.Objects;

/**
 * A hypothetical change to the network, as an operator states it for a what-if analysis: the six
 * kinds of {@code dnt twin whatif}'s changes file ({@code switch-off}, {@code power}, {@code
 * add-station}, {@code move-user}, {@code traffic}, {@code handover}). Each checks its physical
 * quantities against {@link PhysicalLimits} when it is made, so that an impossible value (a 3,600
 * dBm transmitter) is refused before any twin is touched; the message starts with the quantity's
 * key as the changes file spells it ({@code 'dbm': transmit power 3600 dBm is outside ...}). {@link
 * #event()} is the twin event that applies it.
 */
public sealed interface Change {
  /**
   * The kind, as the changes file writes it.
   *
   * @return {@code switch-off}, {@code power}, ...
   */
  String kind();

  /**
   * The twin event that applies this change.
   *
   * @return the event
   */
  TwinEvent event();

  /**
   * A station goes off the air (an outage or a planned switch-off).
   *
   * @param station the station
   */
  record SwitchOff(BaseStationId station) implements Change {
    /** Checks for nulls. */
    public SwitchOff {
      Objects.requireNonNull(station, "station");
    }

    @Override
    public String kind() {
      return "switch-off";
    }

    @Override
    public TwinEvent event() {
      return new TwinEvent.StationRemoved(station);
    }
  }

  /**
   * A station's transmit power is set.
   *
   * @param station the station
   * @param dbm the new transmit power, dBm, in {@link PhysicalLimits#TX_POWER_DBM}
   */
  record Power(BaseStationId station, double dbm) implements Change {
    /** Checks the power's range. */
    public Power {
      Objects.requireNonNull(station, "station");
      PhysicalLimits.TX_POWER_DBM.check("'dbm'", dbm);
    }

    @Override
    public String kind() {
      return "power";
    }

    @Override
    public TwinEvent event() {
      return new TwinEvent.PowerChanged(station, dbm);
    }
  }

  /**
   * A new station is switched on.
   *
   * @param id its id
   * @param position where it stands, metres in the twin's plane
   * @param heightM antenna height, m, in {@link PhysicalLimits#STATION_HEIGHT_M}
   * @param powerDbm transmit power, dBm, in {@link PhysicalLimits#TX_POWER_DBM}
   * @param gainDb antenna gain, dBi, in {@link PhysicalLimits#ANTENNA_GAIN_DBI}
   * @param capacityMbps capacity, Mbit/s, in {@link PhysicalLimits#CAPACITY_MBPS}
   */
  record AddStation(
      BaseStationId id,
      Position position,
      double heightM,
      double powerDbm,
      double gainDb,
      double capacityMbps)
      implements Change {
    /** A small cell's height, m, when none is given. */
    public static final double DEFAULT_HEIGHT_M = 10;

    /** A small cell's transmit power, dBm, when none is given. */
    public static final double DEFAULT_POWER_DBM = 30;

    /** Antenna gain, dBi, when none is given. */
    public static final double DEFAULT_GAIN_DB = 0;

    /** A small cell's capacity, Mbit/s, when none is given. */
    public static final double DEFAULT_CAPACITY_MBPS = 150;

    /** Checks the ranges. */
    public AddStation {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(position, "position");
      PhysicalLimits.STATION_HEIGHT_M.check("'height'", heightM);
      PhysicalLimits.TX_POWER_DBM.check("'power-dbm'", powerDbm);
      PhysicalLimits.ANTENNA_GAIN_DBI.check("'gain-db'", gainDb);
      PhysicalLimits.CAPACITY_MBPS.check("'capacity-mbps'", capacityMbps);
    }

    /**
     * A small cell with the default height, power, gain and capacity.
     *
     * @param id its id
     * @param position where it stands
     * @return the change
     */
    public static AddStation smallCell(BaseStationId id, Position position) {
      return new AddStation(
          id,
          position,
          DEFAULT_HEIGHT_M,
          DEFAULT_POWER_DBM,
          DEFAULT_GAIN_DB,
          DEFAULT_CAPACITY_MBPS);
    }

    @Override
    public String kind() {
      return "add-station";
    }

    @Override
    public TwinEvent event() {
      return new TwinEvent.StationAdded(
          new StationSpec(id, position, heightM, powerDbm, gainDb, capacityMbps));
    }
  }

  /**
   * A user is measured at a new position (the A3 handover rule runs at the given time).
   *
   * @param user the user
   * @param position its new position, metres in the twin's plane
   * @param timeMs time of the measurement, ms, in {@link PhysicalLimits#TIME_MS}
   */
  record MoveUser(UserId user, Position position, long timeMs) implements Change {
    /** Checks the time's range. */
    public MoveUser {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(position, "position");
      PhysicalLimits.TIME_MS.check("'time-ms'", (double) timeMs);
    }

    @Override
    public String kind() {
      return "move-user";
    }

    @Override
    public TwinEvent event() {
      return new TwinEvent.UserMoved(user, position, timeMs);
    }
  }

  /**
   * A user's offered traffic is set.
   *
   * @param user the user
   * @param mbps its demand, Mbit/s, in {@link PhysicalLimits#DEMAND_MBPS}
   */
  record Traffic(UserId user, double mbps) implements Change {
    /** Checks the demand's range. */
    public Traffic {
      Objects.requireNonNull(user, "user");
      PhysicalLimits.DEMAND_MBPS.check("'mbps'", mbps);
    }

    @Override
    public String kind() {
      return "traffic";
    }

    @Override
    public TwinEvent event() {
      return new TwinEvent.TrafficObserved(user, mbps);
    }
  }

  /**
   * A user is handed over to a station.
   *
   * @param user the user
   * @param station its new serving station
   */
  record Handover(UserId user, BaseStationId station) implements Change {
    /** Checks for nulls. */
    public Handover {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(station, "station");
    }

    @Override
    public String kind() {
      return "handover";
    }

    @Override
    public TwinEvent event() {
      return new TwinEvent.Handover(user, station);
    }
  }
}
