package dnt.caching.rl;

/**
 * The reliability modules of the constrained MDP (reconstructed from the D-REC description: four
 * modules acting on the state, the action and the reward), each switchable.
 *
 * <ul>
 *   <li>state augmentation (after Sauté RL, A. Sootla et al., ICML 2022): own load, the largest
 *       neighbour load and the remaining safety budget join every feature row;
 *   <li>action shield (M. Alshiekh et al., "Safe Reinforcement Learning via Shielding", AAAI 2018):
 *       a post-shield vetoes an admission that a one-step look-ahead with the twin's forecast
 *       predicts to overload the station, replacing it by "do not admit"; each veto is one
 *       intervention, and the Double-DQN target masks vetoed actions;
 *   <li>reward penalty: r' = r − (β + λ)·c with c the overload cost since the last decision;
 *   <li>Lagrange multiplier (RCPO, C. Tessler, D. Mankowitz, S. Mannor, ICLR 2019): λ ← max(0, λ +
 *       η·(mean cost − d)) after each episode.
 * </ul>
 *
 * @param augmentState add the safety state to the features
 * @param shield veto admissions predicted to overload (false: only count them)
 * @param penalty β, the fixed cost penalty in the reward
 * @param lagrangeRate η, the multiplier's step size (0 = no multiplier)
 * @param budget d, the allowed mean cost per served request
 * @param hotThreshold the least predicted extra load (requests per window) that an admission must
 *     bring for the shield to veto it
 * @param vetoPenalty the penalty on a vetoed action's reward during training
 */
public record SafetySettings(
    boolean augmentState,
    boolean shield,
    double penalty,
    double lagrangeRate,
    double budget,
    double hotThreshold,
    double vetoPenalty) {
  /** No module active: plain RL (the shield only counts what it would veto). */
  public static final SafetySettings OFF = new SafetySettings(false, false, 0, 0, 0.05, 0.25, 0);

  /** All four modules active: reliable RL. */
  public static final SafetySettings RELIABLE =
      new SafetySettings(true, true, 0.5, 0.5, 0.05, 0.25, 1.0);

  /**
   * Whether any module is active.
   *
   * @return true for reliable systems
   */
  public boolean reliable() {
    return augmentState || shield || penalty > 0 || lagrangeRate > 0;
  }
}
