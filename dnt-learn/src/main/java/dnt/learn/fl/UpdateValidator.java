package dnt.learn.fl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's sanity check before any aggregation: updates of the wrong dimension or holding NaN
 * or infinite entries are rejected and counted per client, so a global model never becomes NaN. Not
 * thread-safe; the server validates on one thread.
 */
public final class UpdateValidator {
  private final int dimension;
  private final Map<String, Integer> rejected = new LinkedHashMap<>();

  /**
   * Creates a validator.
   *
   * @param dimension the model dimension d
   */
  public UpdateValidator(int dimension) {
    this.dimension = dimension;
  }

  /**
   * Whether one update is acceptable; counts it if not.
   *
   * @param u the update
   * @return true if it has d finite entries
   */
  public boolean accept(ClientUpdate u) {
    boolean ok = u.dimension() == dimension && u.delta().isFinite();
    if (!ok) {
      rejected.merge(u.clientId(), 1, Integer::sum);
    }
    return ok;
  }

  /**
   * The acceptable updates of a list, in order.
   *
   * @param updates the received updates
   * @return those that pass
   */
  public List<ClientUpdate> filter(List<ClientUpdate> updates) {
    List<ClientUpdate> out = new ArrayList<>(updates.size());
    for (ClientUpdate u : updates) {
      if (accept(u)) {
        out.add(u);
      }
    }
    return out;
  }

  /**
   * Rejections so far, per client.
   *
   * @return an immutable copy
   */
  public Map<String, Integer> rejected() {
    return Map.copyOf(rejected);
  }

  /**
   * The total number of rejected updates.
   *
   * @return the count
   */
  public int rejectedCount() {
    int n = 0;
    for (int c : rejected.values()) {
      n += c;
    }
    return n;
  }
}
