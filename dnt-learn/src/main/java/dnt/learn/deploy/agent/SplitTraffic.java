package dnt.learn.deploy.agent;

/**
 * The bytes split learning of the deployment agent sends ({@link SplitLearning}), by kind; every
 * value is a 4-byte float. The actions the server sends back to the stations are left out: the
 * centralised agent sends the same.
 *
 * @param neighbourBytes between stations: each station's scaled first-layer message {@code x_j W1 /
 *     sqrt(d_j)} to every station linked to it (forward), and the gradient of that message back
 *     (backward); one {@code hidden}-wide vector per directed link and state each way
 * @param activationBytes the cut-layer activations {@code H1} the stations send up to the server,
 *     one {@code hidden}-wide vector per station and state
 * @param gradientBytes the gradients of the loss with respect to {@code H1} the server sends down,
 *     one {@code hidden}-wide vector per station and state
 * @param weightBytes the lower layer's shared weights: each station's partial gradient up and the
 *     updated weights down, {@code 2 f h + h} floats each way per station and optimiser step
 */
public record SplitTraffic(
    long neighbourBytes, long activationBytes, long gradientBytes, long weightBytes) {
  /** Bytes per value (float32). */
  public static final int FLOAT_BYTES = 4;

  /** No traffic. */
  public static final SplitTraffic NONE = new SplitTraffic(0, 0, 0, 0);

  /**
   * All the bytes.
   *
   * @return the sum of the four kinds
   */
  public long total() {
    return neighbourBytes + activationBytes + gradientBytes + weightBytes;
  }

  /**
   * The sum of two tallies.
   *
   * @param o the other
   * @return the sum
   */
  public SplitTraffic plus(SplitTraffic o) {
    return new SplitTraffic(
        neighbourBytes + o.neighbourBytes,
        activationBytes + o.activationBytes,
        gradientBytes + o.gradientBytes,
        weightBytes + o.weightBytes);
  }

  /**
   * What one decision (a forward pass over one state) sends: every station's message to each
   * station linked to it and its cut activations to the server.
   *
   * @param stations the stations
   * @param links directed links (ordered pairs {@code i != j} with a positive weight {@code A_ij})
   * @param hidden the cut layer's width
   * @return the tally
   */
  public static SplitTraffic perDecision(int stations, int links, int hidden) {
    return new SplitTraffic(
        (long) links * hidden * FLOAT_BYTES, (long) stations * hidden * FLOAT_BYTES, 0, 0);
  }

  /**
   * What one optimiser step over a batch of states sends: a forward pass over every state, the
   * gradients down and back along the links, and the lower weights' gradient up and new weights
   * down.
   *
   * @param stations the stations
   * @param links directed links
   * @param hidden the cut layer's width
   * @param features node features
   * @param states states in the batch
   * @return the tally
   */
  public static SplitTraffic perStep(
      int stations, int links, int hidden, int features, int states) {
    long lower = 2L * features * hidden + hidden;
    return new SplitTraffic(
        2L * states * links * hidden * FLOAT_BYTES,
        (long) states * stations * hidden * FLOAT_BYTES,
        (long) states * stations * hidden * FLOAT_BYTES,
        2L * stations * lower * FLOAT_BYTES);
  }

  /**
   * What one PPO update's optimisation sends ({@code epochs} full-batch steps; its episodes'
   * decisions are counted by {@link #perDecision}). Every epoch sends its forward pass afresh: the
   * first could reuse the activations sent while acting (the weights have not moved yet), saving
   * {@code states} decisions' activations and messages; this count does not assume that.
   *
   * @param stations the stations
   * @param links directed links
   * @param hidden the cut layer's width
   * @param features node features
   * @param states states in the batch (episodes x horizon)
   * @param epochs optimiser steps per update
   * @return the tally
   */
  public static SplitTraffic perUpdate(
      int stations, int links, int hidden, int features, int states, int epochs) {
    SplitTraffic step = perStep(stations, links, hidden, features, states);
    return new SplitTraffic(
        epochs * step.neighbourBytes,
        epochs * step.activationBytes,
        epochs * step.gradientBytes,
        epochs * step.weightBytes);
  }

  /**
   * What the centralised agent sends per decision: every station's raw features to the server. Its
   * optimisation sends nothing more (the server holds the states it acted on).
   *
   * @param stations the stations
   * @param features node features
   * @return bytes
   */
  public static long centralizedPerDecision(int stations, int features) {
    return (long) stations * features * FLOAT_BYTES;
  }
}
