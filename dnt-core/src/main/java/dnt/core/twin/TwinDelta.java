package dnt.core.twin;

import dnt.core.UserId;
import dnt.core.radio.RateModel;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;

/**
 * What one event changed: every user twin and every station twin whose external state differs after
 * the event, with its state before and after. User changes are kept in primitive columns (a
 * handover can change thousands of users) and turned into {@link UserChange} records on demand.
 */
public final class TwinDelta {
  private final TwinEvent event;
  private final int size;
  private final int[] users;
  private final int[] oldServing;
  private final int[] newServing;
  private final double[]
      values; // 8 per user: oldS, newS, oldI, newI, oldShare, newShare, oldDemand, newDemand
  private final List<StationChange> stations;
  private final double noiseMw;
  private final double bandwidthHz;
  private final RateModel rate;

  TwinDelta(
      TwinEvent event,
      int size,
      int[] users,
      int[] oldServing,
      int[] newServing,
      double[] values,
      List<StationChange> stations,
      double noiseMw,
      double bandwidthHz,
      RateModel rate) {
    this.event = Objects.requireNonNull(event);
    this.size = size;
    this.users = users;
    this.oldServing = oldServing;
    this.newServing = newServing;
    this.values = values;
    this.stations = List.copyOf(stations);
    this.noiseMw = noiseMw;
    this.bandwidthHz = bandwidthHz;
    this.rate = rate;
  }

  /**
   * The event that caused the change.
   *
   * @return the event
   */
  public TwinEvent event() {
    return event;
  }

  /**
   * Whether the event changed nothing visible.
   *
   * @return true when no twin changed
   */
  public boolean isEmpty() {
    return size == 0 && stations.isEmpty();
  }

  /**
   * Number of user twins that changed.
   *
   * @return the count
   */
  public int userChangeCount() {
    return size;
  }

  /**
   * The id of the k-th changed user, without building its record.
   *
   * @param k 0..userChangeCount()-1
   * @return the user id
   */
  public int changedUserId(int k) {
    Objects.checkIndex(k, size);
    return users[k];
  }

  /**
   * The k-th changed user.
   *
   * @param k 0..userChangeCount()-1
   * @return its states before and after
   */
  public UserChange userChange(int k) {
    Objects.checkIndex(k, size);
    int v = 8 * k;
    UserId id = UserId.of(users[k]);
    return new UserChange(
        state(id, oldServing[k], values[v], values[v + 2], values[v + 4], values[v + 6]),
        state(id, newServing[k], values[v + 1], values[v + 3], values[v + 5], values[v + 7]));
  }

  /**
   * Every changed user, in the order the event reached them.
   *
   * @return a list view; records are built as they are read
   */
  public List<UserChange> userChanges() {
    return new AbstractList<>() {
      @Override
      public UserChange get(int index) {
        return userChange(index);
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /**
   * Every changed station.
   *
   * @return the changes
   */
  public List<StationChange> stationChanges() {
    return stations;
  }

  private UserState state(
      UserId id, int serving, double signalMw, double interferenceMw, double share, double demand) {
    return NetworkTwin.userState(
        id, serving, signalMw, interferenceMw, share, demand, noiseMw, bandwidthHz, rate);
  }

  @Override
  public String toString() {
    return "TwinDelta[" + event + ": " + size + " users, " + stations.size() + " stations changed]";
  }
}
