package dnt.core.raytrace.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Levenberg-Marquardt against closed forms. */
final class LeastSquaresTest {
  @Test
  void aStraightLineFitEqualsTheNormalEquations() {
    double[] t = {0, 1, 2, 3, 4, 5};
    double[] y = {1.1, 2.9, 5.2, 7.1, 8.8, 11.2};
    LeastSquares.Problem line =
        new LeastSquares.Problem() {
          @Override
          public int residuals() {
            return t.length;
          }

          @Override
          public void evaluate(double[] x, double[] r, double[][] jac) {
            for (int i = 0; i < t.length; i++) {
              r[i] = x[0] + x[1] * t[i] - y[i];
              jac[i][0] = 1;
              jac[i][1] = t[i];
            }
          }
        };
    LeastSquares.Solution s = LeastSquares.minimize(line, new double[] {0, 0}, 100);
    // Closed form: slope = Sxy / Sxx, intercept = mean(y) - slope mean(t).
    double mt = 2.5;
    double my = 0;
    for (double v : y) {
      my += v / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < t.length; i++) {
      sxy += (t[i] - mt) * (y[i] - my);
      sxx += (t[i] - mt) * (t[i] - mt);
    }
    double slope = sxy / sxx;
    // A linear problem converges in a few damped steps; 1e-9 is far above the rounding of
    // six-point sums (1e-14) and far below any difference a wrong solution would make.
    assertThat(s.x()[1]).isCloseTo(slope, within(1e-9));
    assertThat(s.x()[0]).isCloseTo(my - slope * mt, within(1e-9));
    // (J'J)^-1 of a line: [[sum t^2, -sum t], [-sum t, n]] / (n Sxx).
    double st2 = 0;
    for (double v : t) {
      st2 += v * v;
    }
    assertThat(s.normalInverse()[0][0]).isCloseTo(st2 / (t.length * sxx), within(1e-12));
    assertThat(s.normalInverse()[1][1]).isCloseTo(1 / sxx, within(1e-12));
  }

  @Test
  void anExponentialIsRecoveredExactlyFromNoiselessData() {
    double[] t = new double[20];
    double[] y = new double[20];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 0.25;
      y[i] = 3 * Math.exp(-0.7 * t[i]);
    }
    LeastSquares.Problem exp =
        new LeastSquares.Problem() {
          @Override
          public int residuals() {
            return t.length;
          }

          @Override
          public void evaluate(double[] x, double[] r, double[][] jac) {
            for (int i = 0; i < t.length; i++) {
              double e = Math.exp(x[1] * t[i]);
              r[i] = x[0] * e - y[i];
              jac[i][0] = e;
              jac[i][1] = x[0] * t[i] * e;
            }
          }
        };
    LeastSquares.Solution s = LeastSquares.minimize(exp, new double[] {1, 0}, 200);
    // Zero-residual problem: Gauss-Newton converges quadratically to rounding (~1e-15).
    assertThat(s.x()[0]).isCloseTo(3, within(1e-8));
    assertThat(s.x()[1]).isCloseTo(-0.7, within(1e-8));
    assertThat(s.cost()).isLessThan(1e-20);
  }

  @Test
  void aBoundStopsTheParameterAtTheBoxAndTheOtherFitsGivenIt() {
    double[] t = {0, 1, 2, 3};
    double[] y = {0, 2, 4, 6};
    LeastSquares.Problem line =
        new LeastSquares.Problem() {
          @Override
          public int residuals() {
            return t.length;
          }

          @Override
          public void evaluate(double[] x, double[] r, double[][] jac) {
            for (int i = 0; i < t.length; i++) {
              r[i] = x[0] + x[1] * t[i] - y[i];
              jac[i][0] = 1;
              jac[i][1] = t[i];
            }
          }
        };
    LeastSquares.Solution s =
        LeastSquares.minimize(
            line, new double[] {0, 0}, new double[] {-100, -100}, new double[] {100, 1.5}, 200);
    // With the slope held at 1.5 the best intercept is mean(y - 1.5 t) = 3 - 2.25 = 0.75.
    assertThat(s.x()[1]).isEqualTo(1.5);
    assertThat(s.x()[0]).isCloseTo(0.75, within(1e-9));
  }
}
