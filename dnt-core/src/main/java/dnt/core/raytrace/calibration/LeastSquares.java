package dnt.core.raytrace.calibration;

import java.util.Arrays;

/**
 * Nonlinear least squares by Levenberg-Marquardt (Levenberg 1944, Marquardt 1963): minimises {@code
 * sum r_i(x)^2} from a start point, each step solving {@code (J'J + lambda diag(J'J)) dx = -J'r} by
 * Cholesky, accepting it when the cost falls (then {@code lambda / 10}) and otherwise retrying with
 * {@code lambda * 10}. Written here (a few dozen lines) because dnt-core keeps its dependencies to
 * the JDK, fastutil and jgrapht; the tests check it against closed forms.
 */
public final class LeastSquares {
  private LeastSquares() {}

  /** A least-squares problem: residuals and their Jacobian at a point. */
  public interface Problem {
    /**
     * The number of residuals.
     *
     * @return it, at least the number of parameters
     */
    int residuals();

    /**
     * Evaluates the residuals and the Jacobian.
     *
     * @param x the parameters
     * @param r receives the residuals
     * @param jacobian receives {@code d r_i / d x_j} at row i, column j
     */
    void evaluate(double[] x, double[] r, double[][] jacobian);
  }

  /**
   * The minimum found.
   *
   * @param x the parameters
   * @param cost the sum of squared residuals there
   * @param iterations the accepted and rejected steps taken
   * @param normalInverse {@code (J'J)^-1} at x: times the residual variance, the parameters'
   *     asymptotic covariance
   */
  public record Solution(double[] x, double cost, int iterations, double[][] normalInverse) {}

  /**
   * Minimises a problem.
   *
   * @param problem the residuals
   * @param start the start point
   * @param maxIterations the most steps to try
   * @return the minimum
   * @throws IllegalArgumentException when there are fewer residuals than parameters
   */
  public static Solution minimize(Problem problem, double[] start, int maxIterations) {
    double[] unbounded = new double[start.length];
    Arrays.fill(unbounded, Double.POSITIVE_INFINITY);
    double[] lower = unbounded.clone();
    Arrays.fill(lower, Double.NEGATIVE_INFINITY);
    return minimize(problem, start, lower, unbounded, maxIterations);
  }

  /**
   * Minimises a problem inside a box: each step is projected onto {@code [lower, upper]} (projected
   * Levenberg-Marquardt), which keeps a weakly determined parameter from running off to where the
   * residuals no longer depend on it.
   *
   * @param problem the residuals
   * @param start the start point, inside the box
   * @param lower each parameter's lower bound
   * @param upper each parameter's upper bound
   * @param maxIterations the most steps to try
   * @return the minimum; {@code normalInverse} is all NaN when J'J is singular there (a parameter
   *     no residual depends on)
   * @throws IllegalArgumentException when there are fewer residuals than parameters
   */
  public static Solution minimize(
      Problem problem, double[] start, double[] lower, double[] upper, int maxIterations) {
    int n = problem.residuals();
    int p = start.length;
    if (n < p) {
      throw new IllegalArgumentException(n + " residuals cannot fit " + p + " parameters");
    }
    double[] x = start.clone();
    double[] r = new double[n];
    double[][] jac = new double[n][p];
    problem.evaluate(x, r, jac);
    double cost = dot(r, r);
    double lambda = 1e-3;
    int iterations = 0;
    double[] rTry = new double[n];
    double[][] jacTry = new double[n][p];
    while (iterations < maxIterations) {
      double[][] a = normal(jac, p);
      double[] g = new double[p];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < p; j++) {
          g[j] -= jac[i][j] * r[i];
        }
      }
      boolean accepted = false;
      boolean converged = false;
      while (iterations < maxIterations && !accepted) {
        iterations++;
        // Parameters at a bound that the descent direction pushes outward are held (active set).
        boolean[] held = new boolean[p];
        for (int j = 0; j < p; j++) {
          held[j] = (x[j] <= lower[j] && g[j] < 0) || (x[j] >= upper[j] && g[j] > 0);
        }
        double[][] damped = new double[p][];
        double[] rhs = g.clone();
        for (int j = 0; j < p; j++) {
          damped[j] = a[j].clone();
          damped[j][j] += lambda * Math.max(a[j][j], 1e-12);
        }
        for (int j = 0; j < p; j++) {
          if (held[j]) {
            Arrays.fill(damped[j], 0);
            for (int k = 0; k < p; k++) {
              damped[k][j] = 0;
            }
            damped[j][j] = 1;
            rhs[j] = 0;
          }
        }
        double[] step = solve(damped, rhs);
        double[] xTry = new double[p];
        for (int j = 0; j < p; j++) {
          xTry[j] = Math.max(lower[j], Math.min(upper[j], x[j] + step[j]));
          step[j] = xTry[j] - x[j];
        }
        problem.evaluate(xTry, rTry, jacTry);
        double costTry = dot(rTry, rTry);
        if (costTry <= cost) {
          converged = cost - costTry <= 1e-12 * (cost + 1e-300) || small(step, x);
          x = xTry;
          cost = costTry;
          System.arraycopy(rTry, 0, r, 0, n);
          for (int i = 0; i < n; i++) {
            System.arraycopy(jacTry[i], 0, jac[i], 0, p);
          }
          lambda = Math.max(lambda / 10, 1e-12);
          accepted = true;
        } else {
          lambda *= 10;
          if (lambda > 1e12) {
            converged = true; // no step lowers the cost: at the minimum to rounding
            break;
          }
        }
      }
      if (converged) {
        break;
      }
    }
    double[][] inverse;
    try {
      inverse = invert(normal(jac, p));
    } catch (IllegalStateException singular) {
      inverse = new double[p][p];
      for (double[] row : inverse) {
        Arrays.fill(row, Double.NaN);
      }
    }
    return new Solution(x, cost, iterations, inverse);
  }

  private static boolean small(double[] step, double[] x) {
    for (int j = 0; j < x.length; j++) {
      if (Math.abs(step[j]) > 1e-10 * (Math.abs(x[j]) + 1e-10)) {
        return false;
      }
    }
    return true;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[][] normal(double[][] jac, int p) {
    double[][] a = new double[p][p];
    for (double[] row : jac) {
      for (int j = 0; j < p; j++) {
        for (int k = 0; k <= j; k++) {
          a[j][k] += row[j] * row[k];
        }
      }
    }
    for (int j = 0; j < p; j++) {
      for (int k = j + 1; k < p; k++) {
        a[j][k] = a[k][j];
      }
    }
    return a;
  }

  /** The lower Cholesky factor of a symmetric positive definite matrix. */
  private static double[][] cholesky(double[][] a) {
    int p = a.length;
    double[][] l = new double[p][p];
    for (int j = 0; j < p; j++) {
      double d = a[j][j];
      for (int k = 0; k < j; k++) {
        d -= l[j][k] * l[j][k];
      }
      if (!(d > 0)) {
        throw new IllegalStateException("the normal matrix is singular at parameter " + j);
      }
      l[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < p; i++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = s / l[j][j];
      }
    }
    return l;
  }

  /**
   * Solves {@code a x = b} for a symmetric positive definite a.
   *
   * @param a the matrix
   * @param b the right-hand side
   * @return x
   */
  static double[] solve(double[][] a, double[] b) {
    double[][] l = cholesky(a);
    int p = b.length;
    double[] y = new double[p];
    for (int i = 0; i < p; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[p];
    for (int i = p - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < p; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  private static double[][] invert(double[][] a) {
    int p = a.length;
    double[][] inv = new double[p][p];
    for (int j = 0; j < p; j++) {
      double[] e = new double[p];
      e[j] = 1;
      double[] col = solve(a, e);
      for (int i = 0; i < p; i++) {
        inv[i][j] = col[i];
      }
    }
    return inv;
  }
}
