package dnt.learn.attack;

import dnt.learn.fl.Adversary;
import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * An attack by compromised real clients: the first {@code m = round(share * n)} clients (in the
 * engine's stable client order) send crafted updates instead of their own. These attacks know the
 * benign updates of the round (the full-knowledge setting of the papers), which makes them an upper
 * bound on what such an attacker achieves. The replaced updates keep their client id and weight.
 */
public abstract class MaliciousClientAttack implements Adversary {
  private final double share;

  /**
   * Creates the attack.
   *
   * @param share the fraction of clients compromised, in [0, 1)
   */
  protected MaliciousClientAttack(double share) {
    if (!(share >= 0 && share < 1)) {
      throw new IllegalArgumentException("malicious share must be in [0, 1), got " + share);
    }
    this.share = share;
  }

  /**
   * How many of n clients are compromised.
   *
   * @param n the number of clients
   * @return {@code round(share * n)}
   */
  public int compromised(int n) {
    return (int) Math.round(share * n);
  }

  @Override
  public final List<ClientUpdate> poison(AttackView view, List<ClientUpdate> benign) {
    int m = compromised(benign.size());
    List<ClientUpdate> out = new ArrayList<>(benign);
    if (m == 0 || benign.isEmpty()) {
      return out;
    }
    List<double[]> crafted = craft(view, benign, m);
    for (int k = 0; k < m; k++) {
      ClientUpdate b = benign.get(k);
      out.set(k, new ClientUpdate(b.clientId(), crafted.get(k), b.weight(), b.fake()));
    }
    return out;
  }

  /**
   * The malicious updates.
   *
   * @param view what the attacker observes
   * @param benign every client's honest update this round
   * @param m how many to craft (for clients 0..m-1)
   * @return m updates
   */
  protected abstract List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m);

  /** m copies of one vector. */
  static List<double[]> copies(double[] v, int m) {
    List<double[]> out = new ArrayList<>(m);
    for (int k = 0; k < m; k++) {
      out.add(v.clone());
    }
    return out;
  }
}
