package dnt.learn.attack;

import dnt.learn.fl.ClientUpdate;
import dnt.learn.fl.UpdateVector;
import java.util.List;

/** Small dense-vector helpers for the attacks (benign statistics, norms, distances). */
final class Vectors {
  private Vectors() {}

  static int dimension(List<ClientUpdate> updates, double[] fallback) {
    return updates.isEmpty() ? fallback.length : updates.get(0).dimension();
  }

  static double[] mean(List<ClientUpdate> updates) {
    int d = updates.get(0).dimension();
    double[] mu = new double[d];
    for (ClientUpdate u : updates) {
      UpdateVector x = u.delta();
      for (int j = 0; j < d; j++) {
        mu[j] += x.get(j);
      }
    }
    for (int j = 0; j < d; j++) {
      mu[j] /= updates.size();
    }
    return mu;
  }

  /** Population standard deviation per coordinate. */
  static double[] std(List<ClientUpdate> updates, double[] mu) {
    int d = mu.length;
    double[] sd = new double[d];
    for (ClientUpdate u : updates) {
      UpdateVector x = u.delta();
      for (int j = 0; j < d; j++) {
        double e = x.get(j) - mu[j];
        sd[j] += e * e;
      }
    }
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(sd[j] / updates.size());
    }
    return sd;
  }

  static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  static double norm(UpdateVector x) {
    double s = 0;
    for (int j = 0; j < x.dimension(); j++) {
      double v = x.get(j);
      s += v * v;
    }
    return Math.sqrt(s);
  }

  static double distance(UpdateVector a, UpdateVector b) {
    double s = 0;
    for (int j = 0; j < a.dimension(); j++) {
      double e = a.get(j) - b.get(j);
      s += e * e;
    }
    return Math.sqrt(s);
  }

  static double distance(double[] a, UpdateVector b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double e = a[j] - b.get(j);
      s += e * e;
    }
    return Math.sqrt(s);
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double e = a[j] - b[j];
      s += e * e;
    }
    return Math.sqrt(s);
  }

  static double[] difference(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      out[j] = a[j] - b[j];
    }
    return out;
  }

  static double meanWeight(List<ClientUpdate> updates) {
    if (updates.isEmpty()) {
      return 1;
    }
    double s = 0;
    for (ClientUpdate u : updates) {
      s += u.weight();
    }
    return s / updates.size();
  }
}
