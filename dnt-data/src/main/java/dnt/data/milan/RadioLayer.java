package dnt.data.milan;

/** Which OpenCellID layer the aggregated base-station files describe. */
public enum RadioLayer {
  /** LTE sites only ({@code *-LTE.csv}, 5,840 aggregated stations). */
  LTE("LTE"),
  /** LTE and UMTS sites together ({@code *-LTE-UMTS.csv}, 8,300 aggregated stations). */
  LTE_UMTS("LTE-UMTS");

  private final String fileSuffix;

  RadioLayer(String fileSuffix) {
    this.fileSuffix = fileSuffix;
  }

  /**
   * The suffix of the layer's file names.
   *
   * @return e.g. {@code "LTE-UMTS"}
   */
  public String fileSuffix() {
    return fileSuffix;
  }

  /**
   * The file of aggregated stations ({@code aggregated_bs_id,type,n_base_stations,lng,lat}).
   *
   * @return the file name
   */
  public String stationsFile() {
    return "aggregated_bs_data-" + fileSuffix + ".csv";
  }

  /**
   * The file mapping each cell to its serving aggregated station ({@code
   * type,lng,lat,cellId,distance,n_base_stations,aggregated_bs_id}).
   *
   * @return the file name
   */
  public String cellsFile() {
    return "cell_base_stations_aggregated-" + fileSuffix + ".csv";
  }
}
