package dnt.experiments.changedetection;

import dnt.core.BaseStationId;
import dnt.core.geo.Position;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import dnt.data.milan.BaseStations;
import dnt.data.milan.MilanGrid;
import dnt.data.milan.MilanSubset;
import dnt.data.milan.RadioLayer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stations of the twin and their hourly traffic: the OpenCellID LTE stations (bundled) that
 * serve at least one square of the bundled 25-square Milan subset, each carrying the summed
 * internet activity of the squares it serves (their nearest station, {@link
 * BaseStations#servingStation}), in hours (six ten-minute slots).
 *
 * @param ids the stations
 * @param positions their positions on the Milan grid's plane, metres
 * @param hourly traffic per station and hour
 */
record StationTraffic(List<BaseStationId> ids, List<Position> positions, double[][] hourly) {
  /** Ten-minute slots per hour. */
  static final int SLOTS_PER_HOUR = 6;

  /**
   * Loads the bundled data.
   *
   * @return the stations and their traffic
   */
  static StationTraffic bundled() {
    MilanGrid grid = MilanGrid.load();
    BaseStations stations = BaseStations.load(RadioLayer.LTE, grid);
    TrafficDataset data = MilanSubset.load();
    int hours = data.length() / SLOTS_PER_HOUR;
    Map<BaseStationId, double[]> byStation = new LinkedHashMap<>();
    Map<BaseStationId, Position> where = new LinkedHashMap<>();
    for (int c = 0; c < data.cellCount(); c++) {
      BaseStations.Station s = stations.servingStation(data.cells().get(c));
      double[] series = data.series(c, Service.INTERNET);
      double[] h = byStation.computeIfAbsent(s.id(), k -> new double[hours]);
      where.put(s.id(), s.position());
      for (int t = 0; t < hours * SLOTS_PER_HOUR; t++) {
        h[t / SLOTS_PER_HOUR] += series[t];
      }
    }
    List<BaseStationId> ids = new ArrayList<>(byStation.keySet());
    double[][] hourly = new double[ids.size()][];
    List<Position> positions = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      hourly[i] = byStation.get(ids.get(i));
      positions.add(where.get(ids.get(i)));
    }
    return new StationTraffic(ids, positions, hourly);
  }

  /**
   * The number of stations.
   *
   * @return it
   */
  int stations() {
    return ids.size();
  }

  /**
   * The number of hours.
   *
   * @return it
   */
  int hours() {
    return hourly[0].length;
  }

  /**
   * The distance between two stations.
   *
   * @param i one
   * @param j the other
   * @return metres
   */
  double distance(int i, int j) {
    Position a = positions.get(i);
    Position b = positions.get(j);
    return Math.hypot(a.x() - b.x(), a.y() - b.y());
  }
}
