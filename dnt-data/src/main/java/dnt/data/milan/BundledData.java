package dnt.data.milan;

import dnt.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the Milan files bundled with the repository under {@code data/milan}.
 *
 * <p>The folder is looked up, in order, from the system property {@value #DATA_DIR_PROPERTY}, then
 * {@code ${dnt.home}/data/milan} (the {@code ./dnt} launcher sets {@code dnt.home} to the
 * repository), then {@code ${dnt.repo.dir}/data/milan} (set by the test runner), then {@code
 * ./data/milan}.
 */
public final class BundledData {
  /** System property naming the Milan data folder directly. */
  public static final String DATA_DIR_PROPERTY = "dnt.data.dir";

  /** Relative path of the subset series. */
  public static final String SUBSET_SERIES = "dgrn-subset/milan_grid_data.csv";

  /** Relative path of the subset adjacency matrix. */
  public static final String SUBSET_ADJACENCY = "dgrn-subset/milan_41_45_41_45_adj_mx.csv";

  /** Relative path of the grid GeoJSON. */
  public static final String GRID = "grid/milano-grid.geojson";

  /** Relative path of the raw-format sample (cell 1, 2013-11-01 00:00 to 11:40 CET). */
  public static final String RAW_SAMPLE = "raw-sample/chunk_sample.txt";

  /** Relative path of the Harvard Dataverse metadata (file names, sizes, MD5). */
  public static final String METADATA = "raw-sample/metadata-sms-call-internet.json";

  /** Relative path of the base-station folder. */
  public static final String BASE_STATIONS = "basestations";

  private BundledData() {}

  /**
   * The bundled Milan folder.
   *
   * @return an existing directory
   * @throws InvalidInputException if no candidate folder exists
   */
  public static Path dir() {
    String explicit = System.getProperty(DATA_DIR_PROPERTY);
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      if (!Files.isDirectory(p)) {
        throw new InvalidInputException(
            "the Milan data folder "
                + p
                + " (system property "
                + DATA_DIR_PROPERTY
                + ") does not exist");
      }
      return p;
    }
    StringBuilder tried = new StringBuilder();
    for (String property : new String[] {"dnt.home", "dnt.repo.dir"}) {
      String base = System.getProperty(property);
      if (base != null && !base.isBlank()) {
        Path p = Path.of(base, "data", "milan");
        if (Files.isDirectory(p)) {
          return p;
        }
        tried.append(p).append(", ");
      }
    }
    Path local = Path.of("data", "milan");
    if (Files.isDirectory(local)) {
      return local;
    }
    tried.append(local.toAbsolutePath());
    throw new InvalidInputException(
        "cannot find the bundled Milan data (tried "
            + tried
            + "); run from the repository root or set -D"
            + DATA_DIR_PROPERTY
            + "=<folder>");
  }

  /**
   * A file inside the bundled folder.
   *
   * @param relative a path such as {@link #GRID}
   * @return the path, which must exist
   * @throws InvalidInputException if the file is missing
   */
  public static Path file(String relative) {
    Path p = dir().resolve(relative);
    if (!Files.exists(p)) {
      throw new InvalidInputException("the bundled Milan file " + p + " is missing");
    }
    return p;
  }
}
