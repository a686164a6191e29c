package dnt.caching.network;

/**
 * What a station's cache may observe of the network during a replay: the request being handled and
 * every station's load. Learned and safe policies read it; the classic policies ignore it.
 */
public interface NetworkView {
  /**
   * The number of stations.
   *
   * @return the count
   */
  int stationCount();

  /**
   * The index of the request being handled.
   *
   * @return its position in the trace
   */
  int requestIndex();

  /**
   * The client of the request being handled.
   *
   * @return the client
   */
  int client();

  /**
   * The stations of the client being served, home first.
   *
   * @return one or two stations
   */
  int[] clientStations();

  /**
   * Requests served by a station in the last {@link #loadWindow()} requests of the network.
   *
   * @param station the station
   * @return the windowed load
   */
  int windowLoad(int station);

  /**
   * The length of the load window in requests.
   *
   * @return W
   */
  int loadWindow();

  /**
   * The windowed load above which a station counts as overloaded.
   *
   * @return L_max
   */
  double overloadThreshold();
}
