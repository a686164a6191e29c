package dnt.learn.fl;

import dnt.core.util.Progress;
import dnt.learn.codec.UpdateCodec;
import dnt.learn.codec.UpdateCodecs;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pluggable parts of a federated run: how the server aggregates, what an attacker injects, the
 * server's root data (for FLTrust-like rules), how updates travel to the server, evaluation and
 * progress.
 *
 * @param rule the aggregation rule (default unweighted {@link FedAvg})
 * @param adversary the attacker, called between local training and aggregation (default none)
 * @param root the server's clean root data, if any
 * @param evaluator evaluates the models every {@code evaluateEvery} rounds
 * @param progress progress callback
 * @param codec how each client's update is compressed on its way to the server (default none); the
 *     cost ledger counts its bytes
 */
public record FederationHooks(
    AggregationRule rule,
    Adversary adversary,
    Optional<ServerRoot> root,
    Evaluator evaluator,
    Progress progress,
    UpdateCodec codec) {
  /** Checks the fields. */
  public FederationHooks {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(adversary, "adversary");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(evaluator, "evaluator");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(codec, "codec");
  }

  /**
   * Unweighted FedAvg, no attack, no root data, no evaluation, no compression.
   *
   * @return the defaults
   */
  public static FederationHooks defaults() {
    return new FederationHooks(
        new FedAvg(false),
        Adversary.NONE,
        Optional.empty(),
        Evaluator.NONE,
        Progress.NONE,
        UpdateCodecs.none());
  }

  /**
   * With another rule.
   *
   * @param r the rule
   * @return the hooks
   */
  public FederationHooks withRule(AggregationRule r) {
    return new FederationHooks(r, adversary, root, evaluator, progress, codec);
  }

  /**
   * With an attacker.
   *
   * @param a the adversary
   * @return the hooks
   */
  public FederationHooks withAdversary(Adversary a) {
    return new FederationHooks(rule, a, root, evaluator, progress, codec);
  }

  /**
   * With server root data.
   *
   * @param r the root data
   * @return the hooks
   */
  public FederationHooks withRoot(ServerRoot r) {
    return new FederationHooks(rule, adversary, Optional.of(r), evaluator, progress, codec);
  }

  /**
   * With an evaluator.
   *
   * @param e the evaluator
   * @return the hooks
   */
  public FederationHooks withEvaluator(Evaluator e) {
    return new FederationHooks(rule, adversary, root, e, progress, codec);
  }

  /**
   * With a progress callback.
   *
   * @param p the callback
   * @return the hooks
   */
  public FederationHooks withProgress(Progress p) {
    return new FederationHooks(rule, adversary, root, evaluator, p, codec);
  }

  /**
   * With an update codec.
   *
   * @param c the codec
   * @return the hooks
   */
  public FederationHooks withCodec(UpdateCodec c) {
    return new FederationHooks(rule, adversary, root, evaluator, progress, c);
  }

  /** Scores the current models during a run (e.g. test MSE), for per-round curves. */
  @FunctionalInterface
  public interface Evaluator {
    /** Never evaluates. */
    Evaluator NONE = (global, stations) -> Double.NaN;

    /**
     * Scores the models.
     *
     * @param global the global model
     * @param stationModels each station's model, in client order (read-only; stations holding the
     *     same model share one array)
     * @return a score (lower is better), or NaN
     */
    double evaluate(float[] global, List<float[]> stationModels);
  }
}
