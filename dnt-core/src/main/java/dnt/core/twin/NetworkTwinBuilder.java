package dnt.core.twin;

import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.util.Progress;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects stations and users, checks them (distinct ids, inside the area) and builds a {@link
 * NetworkTwin} in which every user is served by the station it receives strongest. Users are kept
 * in primitive arrays, so a million of them cost a few tens of megabytes here.
 */
public final class NetworkTwinBuilder {
  private final TwinConfig config;
  private final List<StationSpec> stations = new ArrayList<>();
  private final IntOpenHashSet stationIds = new IntOpenHashSet();
  private final IntOpenHashSet userIds = new IntOpenHashSet();
  private final IntArrayList ids = new IntArrayList();
  private final DoubleArrayList xs = new DoubleArrayList();
  private final DoubleArrayList ys = new DoubleArrayList();
  private final DoubleArrayList heights = new DoubleArrayList();
  private final DoubleArrayList demands = new DoubleArrayList();

  NetworkTwinBuilder(TwinConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Adds a station.
   *
   * @param spec the station
   * @return this builder
   */
  public NetworkTwinBuilder station(StationSpec spec) {
    if (!stationIds.add(spec.id().value())) {
      throw new InvalidInputException("station id " + spec.id() + " appears twice");
    }
    if (!config.area().contains(spec.position())) {
      throw new InvalidInputException(
          "station "
              + spec.id()
              + " at ("
              + spec.position().x()
              + ", "
              + spec.position().y()
              + ") is outside the twin's area "
              + config.area());
    }
    stations.add(spec);
    return this;
  }

  /**
   * Adds a user.
   *
   * @param spec the user
   * @return this builder
   */
  public NetworkTwinBuilder user(UserSpec spec) {
    return user(
        spec.id().value(),
        spec.position().x(),
        spec.position().y(),
        spec.heightM(),
        spec.demandMbps());
  }

  /**
   * Adds a user without allocating a record (for millions of users).
   *
   * @param id the user's id (non-negative)
   * @param x metres east
   * @param y metres north
   * @param heightM antenna height, metres
   * @param demandMbps offered traffic, Mbit/s
   * @return this builder
   */
  public NetworkTwinBuilder user(int id, double x, double y, double heightM, double demandMbps) {
    UserId uid = UserId.of(id);
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new InvalidInputException("user " + id + " has coordinates (" + x + ", " + y + ")");
    }
    UserSpec.checkHeight(uid, heightM);
    UserSpec.checkDemand(uid, demandMbps);
    if (!config.area().contains(new Position(x, y))) {
      throw new InvalidInputException(
          "user " + id + " at (" + x + ", " + y + ") is outside the twin's area " + config.area());
    }
    if (!userIds.add(id)) {
      throw new InvalidInputException("user id " + id + " appears twice");
    }
    ids.add(id);
    xs.add(x);
    ys.add(y);
    heights.add(heightM);
    demands.add(demandMbps);
    return this;
  }

  /**
   * Builds the twin.
   *
   * @return the twin
   */
  public NetworkTwin build() {
    return build(Progress.NONE);
  }

  /**
   * Builds the twin, reporting progress.
   *
   * @param progress receives progress
   * @return the twin
   */
  public NetworkTwin build(Progress progress) {
    return NetworkTwin.create(
        config,
        stations,
        ids.toIntArray(),
        xs.toDoubleArray(),
        ys.toDoubleArray(),
        heights.toDoubleArray(),
        demands.toDoubleArray(),
        null,
        true,
        progress);
  }
}
