package dnt.learn.fl;

import java.util.List;

/**
 * Decides what the server receives in a round once the benign clients have trained: the benign
 * updates (some possibly replaced by malicious clients) plus any updates from fake clients. The
 * federated engine calls it between local training and aggregation.
 */
@FunctionalInterface
public interface Adversary {
  /** No attack: the server receives exactly the benign updates. */
  Adversary NONE = (view, benign) -> benign;

  /**
   * Returns the updates the server receives this round.
   *
   * @param view what the attacker observes
   * @param benign the benign clients' updates, in client order
   * @return the updates to aggregate (a new list; the input is not modified)
   */
  List<ClientUpdate> poison(AttackView view, List<ClientUpdate> benign);
}
