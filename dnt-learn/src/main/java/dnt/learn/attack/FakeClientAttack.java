package dnt.learn.attack;

import dnt.learn.fl.Adversary;
import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import java.util.ArrayList;
import java.util.List;

/**
 * An attack by fake clients (fake base stations) that join alongside the real ones: the benign
 * updates reach the server unchanged, plus {@code m} fake updates. The fake share is the fraction
 * of fakes among all clients, so {@code m = round(share * n / (1 - share))} for n benign clients
 * (share 0.2 with 40 stations gives 10 fakes). Fakes claim the benign clients' mean weight, so they
 * are not down-weighted by a sample-weighted mean.
 */
public abstract class FakeClientAttack implements Adversary {
  private final double share;

  /**
   * Creates the attack.
   *
   * @param share the fraction of fake clients among all clients, in [0, 1)
   */
  protected FakeClientAttack(double share) {
    if (!(share >= 0 && share < 1)) {
      throw new IllegalArgumentException("fake share must be in [0, 1), got " + share);
    }
    this.share = share;
  }

  /**
   * The fake share.
   *
   * @return the fraction of fakes among all clients
   */
  public double share() {
    return share;
  }

  /**
   * The number of fake clients joining n benign ones.
   *
   * @param benign the number of benign clients
   * @param share the fake share in [0, 1)
   * @return {@code round(share * n / (1 - share))}
   */
  public static int fakeCount(int benign, double share) {
    return (int) Math.round(share * benign / (1 - share));
  }

  @Override
  public final List<ClientUpdate> poison(AttackView view, List<ClientUpdate> benign) {
    int m = fakeCount(benign.size(), share);
    List<ClientUpdate> out = new ArrayList<>(benign.size() + m);
    out.addAll(benign);
    if (m == 0) {
      return out;
    }
    double weight = Vectors.meanWeight(benign);
    List<double[]> fakes = fakeUpdates(view, m);
    for (int k = 0; k < m; k++) {
      out.add(new ClientUpdate("fake-" + k, fakes.get(k), weight, true));
    }
    return out;
  }

  /**
   * The fake updates of one round.
   *
   * @param view what the attacker observes
   * @param count how many fakes
   * @return {@code count} updates of the model's dimension
   */
  protected abstract List<double[]> fakeUpdates(AttackView view, int count);
}
