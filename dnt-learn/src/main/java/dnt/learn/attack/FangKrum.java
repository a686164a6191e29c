package dnt.learn.attack;

import dnt.learn.fl.AttackView;
import dnt.learn.fl.ClientUpdate;
import dnt.learn.robust.Krum;
import java.util.ArrayList;
import java.util.List;

/**
 * Fang et al.'s full-knowledge attack against Krum ("Local Model Poisoning Attacks to
 * Byzantine-Robust Federated Learning", USENIX Security 2020): every malicious client sends {@code
 * -lambda * s}, s the sign of the benign mean update, with the largest lambda (halving from an
 * upper bound, down to 1e-5) for which Krum, run with f = the number of malicious clients, selects
 * a malicious update.
 */
public final class FangKrum extends MaliciousClientAttack {
  /**
   * Creates the attack.
   *
   * @param share the compromised fraction
   */
  public FangKrum(double share) {
    super(share);
  }

  @Override
  protected List<double[]> craft(AttackView view, List<ClientUpdate> benign, int m) {
    double[] mu = Vectors.mean(benign);
    int d = mu.length;
    int n = benign.size();
    double maxNorm = 0;
    for (ClientUpdate u : benign) {
      maxNorm = Math.max(maxNorm, Vectors.norm(u.delta()));
    }
    double lambda = Math.max(1e-5, 2 * maxNorm / Math.sqrt(d));
    Krum krum = Krum.krum(m);
    boolean canRunKrum = n >= krum.minClients();
    double[] best = null;
    while (lambda >= 1e-5) {
      double[] g = new double[d];
      for (int j = 0; j < d; j++) {
        g[j] = -lambda * Math.signum(mu[j]);
      }
      if (!canRunKrum) {
        best = g;
        break;
      }
      List<ClientUpdate> trial = new ArrayList<>(benign);
      for (int k = 0; k < m; k++) {
        ClientUpdate b = benign.get(k);
        trial.set(k, new ClientUpdate(b.clientId(), g, b.weight(), b.fake()));
      }
      if (krum.selectedIndex(trial) < m) {
        best = g;
        break;
      }
      lambda /= 2;
    }
    if (best == null) {
      best = new double[d];
      for (int j = 0; j < d; j++) {
        best[j] = -1e-5 * Math.signum(mu[j]);
      }
    }
    return copies(best, m);
  }
}
