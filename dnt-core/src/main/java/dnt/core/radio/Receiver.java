package dnt.core.radio;

import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import java.util.Objects;

/**
 * A receiving user of a static layout.
 *
 * @param id the user's id
 * @param position where it is, metres
 * @param heightM antenna height, metres (positive)
 */
public record Receiver(UserId id, Position position, double heightM) {
  /** Validates the user. */
  public Receiver {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(position, "position");
    if (!(heightM > 0) || Double.isInfinite(heightM)) {
      throw new InvalidInputException(
          "user " + id + " has height " + heightM + " m; heights must be positive");
    }
  }
}
