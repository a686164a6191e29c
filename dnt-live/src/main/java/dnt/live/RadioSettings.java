package dnt.live;

import dnt.core.InvalidInputException;

/**
 * Whether and how the live twin drives a radio twin of Milan (docs/live.md, "The radio twin"): the
 * bundled OpenCellID LTE stations as small cells, {@code users} users placed by station density
 * ({@code dnt.data.twinbuild.MilanTwin}), and each cell's observed internet activity turned into
 * the demand of the users in that cell, {@code mbpsPerActivity} Mbit/s per unit of Milan internet
 * activity, shared equally. On a user's own network ({@link LiveSettings#withNetwork}) the same
 * settings build the radio twin from its stations and grid instead ({@code
 * dnt.data.network.OwnNetwork#build}).
 *
 * @param users users of the radio twin
 * @param seed seed of their placement
 * @param mbpsPerActivity Mbit/s of demand per unit of a cell's internet activity in a slot
 * @param enabled whether the radio twin runs
 * @param regionTileM 0 for one radio twin per node (the default); otherwise the radio twin is
 *     partitioned by region, square tiles of this side in metres, each region a sharded entity
 *     (docs/cluster.md, "The radio twin by region")
 */
public record RadioSettings(
    int users, long seed, double mbpsPerActivity, boolean enabled, double regionTileM) {

  /** Validates the values. */
  public RadioSettings {
    if (users < 0) {
      throw new InvalidInputException("radio twin users " + users + " is negative");
    }
    if (!(mbpsPerActivity >= 0) || Double.isInfinite(mbpsPerActivity)) {
      throw new InvalidInputException(
          "radio twin Mbit/s per activity " + mbpsPerActivity + " is not a non-negative number");
    }
    if (!(regionTileM >= 0) || Double.isInfinite(regionTileM)) {
      throw new InvalidInputException(
          "radio twin region tile " + regionTileM + " m is not a non-negative length");
    }
  }

  /**
   * These settings with the radio twin partitioned by region.
   *
   * @param tileM the side of a region's square tile, metres (0: one radio twin per node)
   * @return the changed settings
   */
  public RadioSettings withRegions(double tileM) {
    return new RadioSettings(users, seed, mbpsPerActivity, enabled, tileM);
  }

  /**
   * A radio twin of Milan.
   *
   * @param users users to place
   * @param seed seed of the placement
   * @return the settings, 0.01 Mbit/s per unit of activity
   */
  public static RadioSettings milan(int users, long seed) {
    return new RadioSettings(users, seed, 0.01, true, 0);
  }

  /**
   * No radio twin (the default).
   *
   * @return the settings
   */
  public static RadioSettings off() {
    return new RadioSettings(0, 0, 0.01, false, 0);
  }
}
