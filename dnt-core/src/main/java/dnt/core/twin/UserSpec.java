package dnt.core.twin;

import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import java.util.Objects;

/**
 * The internal properties of a user device: where it is, how high, and how much traffic it offers.
 *
 * @param id the user's id
 * @param position where it is, metres
 * @param heightM antenna height, metres (positive)
 * @param demandMbps offered downlink traffic, Mbit/s (non-negative)
 */
public record UserSpec(UserId id, Position position, double heightM, double demandMbps) {
  /** Validates the user. */
  public UserSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(position, "position");
    if (!(heightM > 0) || Double.isInfinite(heightM)) {
      throw new InvalidInputException(
          "user " + id + " has height " + heightM + " m; it must be positive");
    }
    checkDemand(id, demandMbps);
  }

  static void checkDemand(UserId id, double demandMbps) {
    if (!(demandMbps >= 0) || Double.isInfinite(demandMbps)) {
      throw new InvalidInputException(
          "user "
              + id
              + " has demand "
              + demandMbps
              + " Mbit/s; it must be non-negative and finite");
    }
  }
}
