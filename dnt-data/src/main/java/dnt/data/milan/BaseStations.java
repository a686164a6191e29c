package dnt.data.milan;

import dnt.core.BaseStationId;
import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.core.geo.LocalProjection;
import dnt.core.geo.Position;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Base stations of Milan and the cells they serve, from the aggregated OpenCellID files (not
 * Telecom Italia data; positions from 2016 on). An <em>aggregated</em> station merges the base
 * stations that fall in one grid square; {@link Station#baseStationCount()} says how many. Each
 * grid cell is served by one aggregated station: the one inside it, else the nearest. Where the
 * files repeat a station id at the same position (an {@code AGGREGATED} row and one of its merged
 * rows), the row with the larger station count is kept.
 *
 * <p>Positions are in metres on the plane of the given projection (normally {@link
 * MilanGrid#projection()}, so that stations and squares share coordinates).
 */
public final class BaseStations {
  /**
   * One aggregated base station.
   *
   * @param id the aggregated station id
   * @param type {@code LTE}, {@code UMTS} or {@code AGGREGATED} (several technologies merged)
   * @param baseStationCount the number of merged base stations, at least 1
   * @param lon longitude, degrees
   * @param lat latitude, degrees
   * @param position position on the local plane, metres
   */
  public record Station(
      BaseStationId id,
      String type,
      int baseStationCount,
      double lon,
      double lat,
      Position position) {}

  private final RadioLayer layer;
  private final List<Station> stations;
  private final Map<BaseStationId, Station> byId;

  /** Serving station per cell id - 1, or null. */
  private final BaseStationId[] serving;

  private final Map<BaseStationId, List<CellId>> served;

  private BaseStations(RadioLayer layer, List<Station> stations, BaseStationId[] serving) {
    this.layer = layer;
    this.stations = List.copyOf(stations);
    this.serving = serving;
    this.byId = new HashMap<>(stations.size() * 2);
    for (Station s : stations) {
      byId.put(s.id(), s);
    }
    Map<BaseStationId, List<CellId>> lists = new HashMap<>(stations.size() * 2);
    for (int i = 0; i < serving.length; i++) {
      if (serving[i] != null) {
        lists.computeIfAbsent(serving[i], k -> new ArrayList<>()).add(CellId.of(i + 1));
      }
    }
    lists.replaceAll((k, v) -> List.copyOf(v));
    this.served = lists;
  }

  /**
   * Loads a layer from the bundled data, on the plane of the bundled grid.
   *
   * @param layer the layer
   * @param grid the grid whose projection places the stations
   * @return the stations
   */
  public static BaseStations load(RadioLayer layer, MilanGrid grid) {
    return load(BundledData.file(BundledData.BASE_STATIONS), layer, grid.projection());
  }

  /**
   * Loads a layer from a folder holding the two aggregated files of that layer.
   *
   * @param dir the base-station folder
   * @param layer the layer
   * @param projection the plane to place stations on
   * @return the stations
   * @throws InvalidInputException if a file is missing or malformed (naming file and line)
   */
  public static BaseStations load(Path dir, RadioLayer layer, LocalProjection projection) {
    Path stationsFile = dir.resolve(layer.stationsFile());
    List<Station> stations = new ArrayList<>(8_400);
    Map<Integer, Station> ids = new HashMap<>(16_800);
    readCsv(
        stationsFile,
        new String[] {"aggregated_bs_id", "type", "n_base_stations", "lng", "lat"},
        (f, col, where) -> {
          int id = parseInt(f[col[0]], where, "aggregated_bs_id");
          int n = parseInt(f[col[2]], where, "n_base_stations");
          if (n < 1) {
            throw new InvalidInputException(
                where + ": n_base_stations must be at least 1, got " + n);
          }
          double lon = parseDouble(f[col[3]], where, "lng");
          double lat = parseDouble(f[col[4]], where, "lat");
          Station s =
              new Station(
                  BaseStationId.of(id),
                  f[col[1]].strip(),
                  n,
                  lon,
                  lat,
                  projection.project(lon, lat));
          Station previous = ids.get(id);
          if (previous == null) {
            ids.put(id, s);
            stations.add(s);
          } else if (previous.lon() == lon && previous.lat() == lat) {
            // The files repeat some ids: an AGGREGATED summary row followed by one of the merged
            // single-technology rows at the same place. Keep the row that counts more stations.
            if (s.baseStationCount() > previous.baseStationCount()) {
              ids.put(id, s);
              stations.set(stations.indexOf(previous), s);
            }
          } else {
            throw new InvalidInputException(
                where + ": station " + id + " appears twice at different positions");
          }
        });
    BaseStationId[] serving = new BaseStationId[CellId.MAX];
    readCsv(
        dir.resolve(layer.cellsFile()),
        new String[] {"cellId", "aggregated_bs_id"},
        (f, col, where) -> {
          CellId cell;
          try {
            cell = CellId.of(parseInt(f[col[0]], where, "cellId"));
          } catch (InvalidInputException e) {
            throw new InvalidInputException(where + ": " + e.getMessage(), e);
          }
          int id = parseInt(f[col[1]], where, "aggregated_bs_id");
          Station s = ids.get(id);
          if (s == null) {
            throw new InvalidInputException(
                where + ": station " + id + " is not in " + stationsFile.getFileName());
          }
          if (serving[cell.value() - 1] != null) {
            throw new InvalidInputException(where + ": cell " + cell + " appears twice");
          }
          serving[cell.value() - 1] = s.id();
        });
    return new BaseStations(layer, stations, serving);
  }

  /**
   * The layer these stations belong to.
   *
   * @return the layer
   */
  public RadioLayer layer() {
    return layer;
  }

  /**
   * All stations, in file order.
   *
   * @return an immutable list
   */
  public List<Station> stations() {
    return stations;
  }

  /**
   * Number of aggregated stations.
   *
   * @return the count
   */
  public int size() {
    return stations.size();
  }

  /**
   * One station.
   *
   * @param id its id
   * @return the station
   * @throws InvalidInputException if unknown
   */
  public Station station(BaseStationId id) {
    Station s = byId.get(id);
    if (s == null) {
      throw new InvalidInputException("base station " + id + " is not in the " + layer + " layer");
    }
    return s;
  }

  /**
   * The station serving a cell.
   *
   * @param cell the cell
   * @return its serving station
   * @throws InvalidInputException if the files map no station to the cell
   */
  public Station servingStation(CellId cell) {
    BaseStationId id = serving[cell.value() - 1];
    if (id == null) {
      throw new InvalidInputException("cell " + cell + " has no serving station in " + layer);
    }
    return Objects.requireNonNull(byId.get(id), "serving station");
  }

  /**
   * The cells a station serves, ascending (empty for a station that serves none).
   *
   * @param id the station
   * @return the cells
   */
  public List<CellId> servedCells(BaseStationId id) {
    station(id);
    return served.getOrDefault(id, List.of());
  }

  /** Consumes one data row. */
  @FunctionalInterface
  private interface RowHandler {
    void accept(String[] fields, int[] columns, String where);
  }

  /** Reads a simple comma-separated file with a header (no quoting), mapping named columns. */
  private static void readCsv(Path file, String[] required, RowHandler handler) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("the base-station file " + file + " does not exist");
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null) {
        throw new InvalidInputException(file + " is empty");
      }
      List<String> names = Arrays.asList(header.strip().split(",", -1));
      int[] columns = new int[required.length];
      int width = 0;
      for (int i = 0; i < required.length; i++) {
        columns[i] = names.indexOf(required[i]);
        if (columns[i] < 0) {
          throw new InvalidInputException(
              file + ":1: the header lacks the column " + required[i] + " (found " + header + ")");
        }
        width = Math.max(width, columns[i] + 1);
      }
      String line;
      int lineNo = 1;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        String where = file + ":" + lineNo;
        if (fields.length < width) {
          throw new InvalidInputException(
              where + ": expected " + names.size() + " fields, found " + fields.length);
        }
        handler.accept(fields, columns, where);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static int parseInt(String text, String where, String field) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          where + ": " + field + " '" + text + "' is not an integer", e);
    }
  }

  private static double parseDouble(String text, String where, String field) {
    try {
      double v = Double.parseDouble(text.strip());
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException(where + ": " + field + " '" + text + "' is not a number", e);
    }
    throw new InvalidInputException(where + ": " + field + " '" + text + "' is not finite");
  }
}
