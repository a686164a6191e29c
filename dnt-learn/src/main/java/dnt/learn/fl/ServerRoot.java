package dnt.learn.fl;

import dnt.learn.forecast.Windows;
import java.util.Objects;

/**
 * The server's own small clean data set (FLTrust's root data, Cao et al., NDSS 2021): the server
 * trains on it from the current model with the clients' recipe and offers the result as {@link
 * AggregationContext#referenceUpdate()}.
 *
 * @param data the root samples (a few clean days of the server's own cells)
 */
public record ServerRoot(Windows data) {
  /** Checks the data. */
  public ServerRoot {
    Objects.requireNonNull(data, "data");
    if (data.count() == 0) {
      throw new IllegalArgumentException("server root data is empty");
    }
  }
}
