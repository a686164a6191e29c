package dnt.core.radio;

import dnt.core.PhysicalLimits;
import dnt.core.UserId;
import dnt.core.geo.Position;
import java.util.Objects;

/**
 * A receiving user of a static layout.
 *
 * @param id the user's id
 * @param position where it is, metres ({@link PhysicalLimits#COORDINATE_M})
 * @param heightM antenna height, metres ({@link PhysicalLimits#USER_HEIGHT_M})
 */
public record Receiver(UserId id, Position position, double heightM) {
  /** Validates the user. */
  public Receiver {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(position, "position");
    String subject = "user " + id;
    PhysicalLimits.COORDINATE_M.check(subject, position.x());
    PhysicalLimits.COORDINATE_M.check(subject, position.y());
    PhysicalLimits.USER_HEIGHT_M.check(subject, heightM);
  }
}
