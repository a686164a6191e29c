package dnt.core.twin;

import dnt.core.PhysicalLimits;
import dnt.core.UserId;
import dnt.core.geo.Position;
import java.util.Objects;

/**
 * The internal properties of a user device: where it is, how high, and how much traffic it offers.
 *
 * @param id the user's id
 * @param position where it is, metres
 * @param heightM antenna height, metres ({@link PhysicalLimits#USER_HEIGHT_M})
 * @param demandMbps offered downlink traffic, Mbit/s ({@link PhysicalLimits#DEMAND_MBPS})
 */
public record UserSpec(UserId id, Position position, double heightM, double demandMbps) {
  /** Validates the user. */
  public UserSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(position, "position");
    checkHeight(id, heightM);
    checkDemand(id, demandMbps);
  }

  static void checkHeight(UserId id, double heightM) {
    PhysicalLimits.USER_HEIGHT_M.check("user " + id, heightM);
  }

  static void checkDemand(UserId id, double demandMbps) {
    PhysicalLimits.DEMAND_MBPS.check("user " + id, demandMbps);
  }
}
