package dnt.learn.fl.cost;

/**
 * The communication and training cost of each method of the forecasting study (paper Sec. IV-A,
 * Fig. 3), counted from the settings rather than measured message by message.
 *
 * <p>With n stations, model bytes M, update bytes U_b, R rounds of m sampled stations, k clusters,
 * H history days, D ongoing days, f updates a day (u = D f updates) and V raw bytes a station-day
 * (a message's time is the sum over its hops of {@code bytes / rate + latency}; station i's access
 * hop a_i, the metro hop g, absent on a flat network):
 *
 * <ul>
 *   <li><b>Traditional DT, creation</b> (both variants): each station uploads H V bytes of raw
 *       history to the cloud through its head: n messages over a_i and g.
 *   <li><b>Traditional DT, ongoing</b> (the study's daily fine-tune): at each of the u updates
 *       every station uploads V / f bytes through its head: u n messages over a_i and g. The
 *       one-time baseline has no ongoing phase.
 *   <li><b>V-twin w/o cluster</b>: FedAvg in the cloud; each round m stations download M and upload
 *       U_b over a_i and g. A sampled station's time is the mean over stations (exact when m = n or
 *       all hops are equal).
 *   <li><b>V-twin</b>: cluster twins at the heads: the stations' messages cross a_i only; each
 *       round each of the k heads uploads its cluster model (M) to the cloud and downloads the
 *       global model (M): 2 k messages over g.
 *   <li><b>H-twin w/o cluster</b>: the V-twin w/o cluster, then at each update every station
 *       downloads M and uploads U_b over a_i and g.
 *   <li><b>H-twin</b>: the V-twin, then at each update every station downloads M and uploads U_b
 *       over a_i (the heads run the asynchronous servers), and the k heads exchange their cluster
 *       twins with the cloud once per update cycle (the study mixes them at the end of each day).
 * </ul>
 *
 * <p>On a flat network (no metro hop) this is what the study's {@link dnt.learn.fl.CostLedger}
 * records, message for message. Reconstructed, not from the paper: where the heads aggregate, the
 * hop structure and the per-message time without contention are this model's choices; the paper
 * only says that the joint V-H workflow cuts communication and computation costs by about 43.8%.
 */
public final class AnalyticCost {
  private AnalyticCost() {}

  /**
   * A method's cost.
   *
   * @param method the method
   * @param w the counts
   * @param network the network
   * @param compute the method's training compute ({@link MeasuredCompute#NONE} for none)
   * @return the cost; ongoing training is {@code compute.secondsPerUpdate() x D f}, and 0 for the
   *     V-twins and the one-time baseline
   */
  public static MethodCost of(
      CostedMethod method, Workload w, CostNetwork network, MeasuredCompute compute) {
    requireStations(w, network);
    boolean evolving =
        switch (method) {
          case TRADITIONAL_DT, H_TWIN, H_TWIN_NO_CLUSTER -> true;
          case TRADITIONAL_DT_ONCE, V_TWIN, V_TWIN_NO_CLUSTER -> false;
        };
    return new MethodCost(
        method,
        creation(method, w, network),
        ongoing(method, w, network),
        compute.creationSeconds(),
        evolving ? compute.secondsPerUpdate() * w.updates() : 0);
  }

  /**
   * The communication of building the twin.
   *
   * @param method the method
   * @param w the counts
   * @param network the network
   * @return bytes, messages and seconds per hop
   */
  public static PhaseCost creation(CostedMethod method, Workload w, CostNetwork network) {
    requireStations(w, network);
    return switch (method) {
      case TRADITIONAL_DT, TRADITIONAL_DT_ONCE ->
          toCloudFromEvery(network, w.historyDays() * w.rawBytesPerDay(), 1);
      case V_TWIN -> synchronous(w, network, true);
      case V_TWIN_NO_CLUSTER -> synchronous(w, network, false);
      case H_TWIN -> synchronous(w, network, true);
      case H_TWIN_NO_CLUSTER -> synchronous(w, network, false);
    };
  }

  /**
   * The communication of keeping the twin current over the ongoing days.
   *
   * @param method the method
   * @param w the counts
   * @param network the network
   * @return bytes, messages and seconds per hop
   */
  public static PhaseCost ongoing(CostedMethod method, Workload w, CostNetwork network) {
    requireStations(w, network);
    double u = w.updates();
    return switch (method) {
      case TRADITIONAL_DT -> toCloudFromEvery(network, w.rawBytesPerDay() / w.updatesPerDay(), u);
      case TRADITIONAL_DT_ONCE, V_TWIN, V_TWIN_NO_CLUSTER -> PhaseCost.NONE;
      case H_TWIN ->
          toHeadFromEvery(network, w.modelBytes(), u)
              .plus(toHeadFromEvery(network, w.updateBytes(), u))
              .plus(headsToCloud(network, w.modelBytes(), u * w.clusters() * 2));
      case H_TWIN_NO_CLUSTER ->
          toCloudFromEvery(network, w.modelBytes(), u)
              .plus(toCloudFromEvery(network, w.updateBytes(), u));
    };
  }

  private static void requireStations(Workload w, CostNetwork network) {
    if (w.stations() != network.stations()) {
      throw new IllegalArgumentException(
          "the workload has " + w.stations() + " stations and the network " + network.stations());
    }
  }

  /** R rounds of m sampled stations: a download and an upload each, then the heads' exchange. */
  private static PhaseCost synchronous(Workload w, CostNetwork network, boolean clustered) {
    // a sampled station's expected time: the mean over stations (times = m/n per station-round)
    double perStation = (double) w.rounds() * w.clientsPerRound() / w.stations();
    PhaseCost stations =
        clustered
            ? toHeadFromEvery(network, w.modelBytes(), perStation)
                .plus(toHeadFromEvery(network, w.updateBytes(), perStation))
            : toCloudFromEvery(network, w.modelBytes(), perStation)
                .plus(toCloudFromEvery(network, w.updateBytes(), perStation));
    return clustered
        ? stations.plus(headsToCloud(network, w.modelBytes(), 2.0 * w.rounds() * w.clusters()))
        : stations;
  }

  /** {@code times} messages of the given size from every station to its head. */
  private static PhaseCost toHeadFromEvery(CostNetwork network, double bytes, double times) {
    int n = network.stations();
    return new PhaseCost(
        times * n * bytes, 0, times * n, 0, times * network.accessSecondsAllStations(bytes));
  }

  /** {@code times} messages of the given size from every station through its head to the cloud. */
  private static PhaseCost toCloudFromEvery(CostNetwork network, double bytes, double times) {
    int n = network.stations();
    if (!network.hierarchical()) {
      return toHeadFromEvery(network, bytes, times);
    }
    return new PhaseCost(
        times * n * bytes,
        times * n * bytes,
        times * n,
        times * n,
        times * (network.accessSecondsAllStations(bytes) + n * network.metroSeconds(bytes)));
  }

  /** {@code messages} messages of the given size over the metro hop (none on a flat network). */
  private static PhaseCost headsToCloud(CostNetwork network, double bytes, double messages) {
    if (!network.hierarchical()) {
      return PhaseCost.NONE;
    }
    return new PhaseCost(0, messages * bytes, 0, messages, messages * network.metroSeconds(bytes));
  }
}
