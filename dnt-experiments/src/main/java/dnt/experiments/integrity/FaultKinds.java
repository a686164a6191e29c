package dnt.experiments.integrity;

import dnt.core.Registry;

/** The fault kinds of the integrity study: one short table of {@link Fault.Maker}s by name. */
public final class FaultKinds {
  private FaultKinds() {}

  /** The fault kinds by name, in the order the study assigns them. */
  public static final Registry<Fault.Maker> KINDS =
      Registry.<Fault.Maker>of("fault kind")
          .add(
              "scaling",
              "the stream multiplied by a factor (faults.scaling)",
              (on, end, x, s, rng) -> new Fault.Scaling(on, end, s.scaling().draw(rng)))
          .add(
              "offset",
              "a constant added, a share (faults.offset) of the stream's mean before the onset",
              (on, end, x, s, rng) ->
                  new Fault.Offset(on, end, s.offset().draw(rng), meanBefore(x, on)))
          .add(
              "frozen",
              "the last reading before the onset repeated",
              (on, end, x, s, rng) -> new Fault.Frozen(on, end))
          .add(
              "replay",
              "an old day replayed: each slot the same slot some days (faults.replayDaysBack) back",
              (on, end, x, s, rng) -> new Fault.Replay(on, end, s.replayDaysBack().draw(rng)))
          .add(
              "drift",
              "a multiplicative error growing linearly to faults.drift at the end",
              (on, end, x, s, rng) -> new Fault.Drift(on, end, s.drift().draw(rng)))
          .build();

  /**
   * The mean of the slots before a slot.
   *
   * @param x the stream
   * @param before the slot, at least 1
   * @return the mean of {@code x[0 .. before)}
   */
  public static double meanBefore(double[] x, int before) {
    if (before < 1) {
      throw new IllegalArgumentException("no slot before slot " + before);
    }
    double sum = 0;
    for (int t = 0; t < before; t++) {
      sum += x[t];
    }
    return sum / before;
  }
}
