package dnt.learn.robust;

import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Screens the updates of a round before any aggregation rule sees them: an update of the wrong
 * dimension, or with a NaN or infinite coordinate, is rejected, and rejections are counted per
 * client over the validator's lifetime (one validator per federated run). Thread-safe.
 */
public final class UpdateValidator {
  /** Why an update was rejected. */
  public enum Reason {
    /** The update's length differs from the model's dimension. */
    WRONG_DIMENSION,
    /** The update holds a NaN coordinate. */
    NAN,
    /** The update holds an infinite coordinate. */
    INFINITE
  }

  /**
   * One rejected update.
   *
   * @param clientId the client
   * @param reason why
   * @param detail a sentence naming the coordinate or the lengths
   */
  public record Rejection(String clientId, Reason reason, String detail) {}

  /**
   * The outcome of screening one round.
   *
   * @param accepted the updates that passed, in input order
   * @param rejected the updates that did not
   */
  public record Result(List<ClientUpdate> accepted, List<Rejection> rejected) {
    /** Copies the lists. */
    public Result {
      accepted = List.copyOf(accepted);
      rejected = List.copyOf(rejected);
    }
  }

  private final int dimension;
  private final Map<String, Integer> rejections = new LinkedHashMap<>();

  /**
   * Creates a validator for models of a given dimension.
   *
   * @param dimension the number of parameters d, positive
   */
  public UpdateValidator(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    this.dimension = dimension;
  }

  /**
   * The expected dimension.
   *
   * @return d
   */
  public int dimension() {
    return dimension;
  }

  /**
   * Screens one round's updates and counts the rejections.
   *
   * @param updates the updates received
   * @return the accepted and rejected updates
   */
  public Result validate(List<ClientUpdate> updates) {
    List<ClientUpdate> accepted = new ArrayList<>(updates.size());
    List<Rejection> rejected = new ArrayList<>();
    for (ClientUpdate u : updates) {
      Rejection r = check(u);
      if (r == null) {
        accepted.add(u);
      } else {
        rejected.add(r);
      }
    }
    synchronized (rejections) {
      for (Rejection r : rejected) {
        rejections.merge(r.clientId(), 1, Integer::sum);
      }
    }
    return new Result(accepted, rejected);
  }

  /**
   * Checks one update.
   *
   * @param u the update
   * @return the rejection, or null if the update is valid
   */
  Rejection check(ClientUpdate u) {
    Objects.requireNonNull(u, "update");
    double[] x = u.delta();
    if (x.length != dimension) {
      return new Rejection(
          u.clientId(),
          Reason.WRONG_DIMENSION,
          "update has " + x.length + " coordinates, the model " + dimension);
    }
    for (int j = 0; j < x.length; j++) {
      double v = x[j];
      if (v - v != 0) { // true exactly for NaN and infinities
        return Double.isNaN(v)
            ? new Rejection(u.clientId(), Reason.NAN, "coordinate " + j + " is NaN")
            : new Rejection(u.clientId(), Reason.INFINITE, "coordinate " + j + " is " + v);
      }
    }
    return null;
  }

  /**
   * Rejections per client so far.
   *
   * @return a snapshot: client id to number of rejected updates
   */
  public Map<String, Integer> rejectionCounts() {
    synchronized (rejections) {
      return Map.copyOf(rejections);
    }
  }
}
