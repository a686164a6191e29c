package dnt.learn.fl;

import dnt.learn.forecast.Windows;
import java.util.List;
import java.util.Objects;

/**
 * A federated client: one base station (a Milan cell) with its own data, location and resources.
 *
 * @param id the station's name
 * @param x east coordinate of the station in metres
 * @param y north coordinate in metres
 * @param train the historical training samples (the V-twin phase)
 * @param stream the samples that arrive later, one entry per day (the H-twin phase); may be empty
 * @param profile a normalised traffic profile (e.g. the mean daily curve) used for clustering
 * @param computeSpeed relative compute speed (1 = nominal); scales simulated training time
 * @param linkRate the station's link rate in bytes per second (both directions)
 */
public record FlClient(
    String id,
    double x,
    double y,
    Windows train,
    List<Windows> stream,
    double[] profile,
    double computeSpeed,
    double linkRate) {
  /** Checks the fields. */
  public FlClient {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(train, "train");
    stream = List.copyOf(stream);
    profile = profile.clone();
    if (!(computeSpeed > 0) || Double.isInfinite(computeSpeed)) {
      throw new IllegalArgumentException("computeSpeed of " + id + " must be positive");
    }
    if (!(linkRate > 0) || Double.isInfinite(linkRate)) {
      throw new IllegalArgumentException("linkRate of " + id + " must be positive");
    }
  }

  @Override
  public double[] profile() {
    return profile.clone();
  }
}
