package dnt.core.raytrace.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import dnt.core.raytrace.Building;
import dnt.core.raytrace.Material;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.RayTracer;
import dnt.core.raytrace.Scene;
import dnt.core.raytrace.SyntheticCity;
import dnt.core.raytrace.TraceSettings;
import dnt.core.raytrace.TracedPath;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The extra-loss model and its calibration on a synthetic campaign. */
final class CalibrationTest {
  private static final double C = 299_792_458.0;

  private static Building box(
      String id, double x0, double y0, double x1, double y1, double h, String m) {
    return new Building(
        id, new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1}, h, Material.named(m));
  }

  @Test
  void anExtraLossLowersOnlyTheReflectedPathsPower() {
    // A perfectly conducting wall along y = 50 and no ground reflection: LOS and one R path,
    // whose powers are the free-space ones of the direct and the image distances.
    Scene scene = new Scene(List.of(box("w", -500, 50, 500, 60, 20, "pec")), Material.named("pec"));
    RayTracer tracer = new RayTracer(scene, new TraceSettings(3.5, 1, false, false));
    Point3 tx = new Point3(0, 0, 10);
    Point3 rx = new Point3(80, 10, 2);
    List<TracedPath> paths = tracer.trace(tx, rx);
    assertThat(paths).extracting(TracedPath::kind).containsExactly("LOS", "R");
    ExtraLossModel model = ExtraLossModel.of(List.of(paths), 10);
    assertThat(model.classes()).containsExactly("pec");
    double lambda = C / 3.5e9;
    double dLos = tx.distance(rx);
    double dR = new Point3(0, 100, 10).distance(rx);
    double pLos = Math.pow(lambda / (4 * Math.PI * dLos), 2);
    double pR = Math.pow(lambda / (4 * Math.PI * dR), 2);
    double[] grad = new double[1];
    double got = model.powerDbm(0, new double[] {6}, grad);
    // Sums of two positive terms and a log: relative rounding ~1e-15, far below 1e-9 dB.
    assertThat(got).isCloseTo(10 + 10 * Math.log10(pLos + pR * Math.pow(10, -0.6)), within(1e-9));
    // d/dL of 10 log10(pLos + pR 10^(-L/10)) = -pR 10^(-L/10) / (pLos + pR 10^(-L/10)).
    double w = pR * Math.pow(10, -0.6);
    assertThat(grad[0]).isCloseTo(-w / (pLos + w), within(1e-12));
  }

  @Test
  void theGradientMatchesFiniteDifferencesOverACity() {
    Fixture f = Fixture.city();
    List<Measurement> ms =
        new SyntheticCampaign(30, 0, 1.5, 0, 0, 400, 400)
            .run(f.tracer, f.tx, 20, Map.of(), new SplittableRandom(3));
    List<List<TracedPath>> paths =
        f.tracer.traceAll(f.tx, ms.stream().map(Measurement::position).toList());
    ExtraLossModel model = ExtraLossModel.of(paths, 20);
    double[] x = new double[model.classes().size()];
    for (int m = 0; m < x.length; m++) {
      x[m] = 3 + m;
    }
    double h = 1e-5;
    for (int i = 0; i < model.size(); i++) {
      double[] grad = new double[x.length];
      model.powerDbm(i, x, grad);
      for (int m = 0; m < x.length; m++) {
        double[] up = x.clone();
        double[] down = x.clone();
        up[m] += h;
        down[m] -= h;
        double fd = (model.powerDbm(i, up, null) - model.powerDbm(i, down, null)) / (2 * h);
        // Central differences: truncation ~h^2 * third derivative (< 1e-9 here), rounding
        // ~1e-16 * 100 dB / h = 1e-9; 1e-6 bounds both with room.
        assertThat(grad[m]).isCloseTo(fd, within(1e-6));
      }
    }
  }

  /** A 400 m synthetic city with a transmitter in a street near its centre. */
  private record Fixture(RayTracer tracer, Point3 tx) {
    static Fixture city() {
      List<Building> buildings = new SyntheticCity(400, 400).generate(new SplittableRandom(7));
      Scene scene = new Scene(buildings, Material.named("medium-dry-ground"));
      RayTracer tracer = new RayTracer(scene, new TraceSettings(3.5, 2, true, false));
      for (int k = 0; ; k++) {
        Point3 tx = new Point3(200 + k, 200, 25);
        boolean inside = false;
        for (Building b : buildings) {
          inside |= b.contains(tx.x(), tx.y());
        }
        if (!inside) {
          return new Fixture(tracer, tx);
        }
      }
    }
  }

  @Test
  void aNoiselessCampaignIsFittedExactly() {
    Fixture f = Fixture.city();
    Map<String, Double> truth = Map.of("concrete", 6.0, "brick", 4.0, "glass", 8.0, "ground", 3.0);
    List<Measurement> ms =
        new SyntheticCampaign(150, 0, 1.5, 0, 0, 400, 400)
            .run(f.tracer, f.tx, 20, truth, new SplittableRandom(11));
    CalibrationResult r =
        Calibration.calibrate(f.tracer, f.tx, 20, ms, 0.2, new SplittableRandom(1));
    for (int m = 0; m < r.classes().size(); m++) {
      if (r.identifiable()[m]) {
        // Zero-residual problem: LM converges to rounding; 1e-6 dB is far below any error.
        assertThat(r.lossesDb()[m]).isCloseTo(truth.get(r.classes().get(m)), within(1e-6));
      }
    }
    assertThat(r.rmseAfterDb()).isLessThan(1e-6);
    assertThat(r.holdoutRmseAfterDb()).isLessThan(1e-6);
    assertThat(r.rmseBeforeDb()).isGreaterThan(1);
  }

  @Test
  void aNoisyCampaignRecoversTheHiddenLossesWithinFourStandardErrors() {
    Fixture f = Fixture.city();
    double sigma = 2;
    SplittableRandom random = new SplittableRandom(2026);
    Map<String, Double> truth =
        SyntheticCampaign.drawTruth(List.of("concrete", "brick", "glass", "ground"), random);
    List<Measurement> ms =
        new SyntheticCampaign(500, sigma, 1.5, 0, 0, 400, 400)
            .run(f.tracer, f.tx, 20, truth, random);
    CalibrationResult r =
        Calibration.calibrate(f.tracer, f.tx, 20, ms, 0.3, new SplittableRandom(5));
    assertThat(r.trainPoints()).isEqualTo(350);
    assertThat(r.holdoutPoints()).isEqualTo(150);
    assertThat(r.unreached()).isZero();
    for (int m = 0; m < r.classes().size(); m++) {
      String c = r.classes().get(m);
      assertThat(r.identifiable()[m]).as(c).isTrue();
      // The fitted loss is asymptotically normal around the truth with standard error
      // sigma sqrt((J'J)^-1_mm): 4 standard errors bound it with probability 1 - 6e-5 per class.
      assertThat(Math.abs(r.lossesDb()[m] - truth.get(c)))
          .as(c)
          .isLessThanOrEqualTo(4 * r.standardErrorsDb()[m]);
    }
    // The classes whose reflections carry much of the power are pinned to under half a dB (a
    // bound that is not vacuous). The ground is not: vertically polarised rays from a 25 m mast
    // meet it near its Brewster angle (about 75 degrees from the normal for eps' = 13), where the
    // TM coefficient nearly vanishes, so its reflections carry little power to scale; glass is
    // 15 % of the walls. Their standard errors say so.
    assertThat(r.standardErrorsDb()[r.classes().indexOf("concrete")]).isLessThan(0.5);
    assertThat(r.standardErrorsDb()[r.classes().indexOf("brick")]).isLessThan(0.5);
    assertThat(r.standardErrorsDb()[r.classes().indexOf("ground")]).isGreaterThan(1);
    // After the fit only the noise is left: the held-out RMSE estimates sigma, whose sample
    // standard deviation over n points is sigma / sqrt(2n) (0.12 dB for 150): 4 of those.
    double tol = 4 * sigma / Math.sqrt(2 * r.holdoutPoints());
    assertThat(r.holdoutRmseAfterDb()).isCloseTo(sigma, within(tol));
    assertThat(r.rmseAfterDb()).isCloseTo(sigma, within(4 * sigma / Math.sqrt(2 * 350)));
    assertThat(r.holdoutRmseBeforeDb()).isGreaterThan(r.holdoutRmseAfterDb() + 1);
  }

  @Test
  void theSplitAndFitAreAFunctionOfTheSeed() {
    Fixture f = Fixture.city();
    Map<String, Double> truth = Map.of("concrete", 5.0, "ground", 2.0);
    List<Measurement> ms =
        new SyntheticCampaign(60, 1, 1.5, 0, 0, 400, 400)
            .run(f.tracer, f.tx, 20, truth, new SplittableRandom(9));
    assertThat(
            new SyntheticCampaign(60, 1, 1.5, 0, 0, 400, 400)
                .run(f.tracer, f.tx, 20, truth, new SplittableRandom(9)))
        .isEqualTo(ms);
    CalibrationResult a =
        Calibration.calibrate(f.tracer, f.tx, 20, ms, 0.3, new SplittableRandom(4));
    CalibrationResult b =
        Calibration.calibrate(f.tracer, f.tx, 20, ms, 0.3, new SplittableRandom(4));
    assertThat(a.lossesDb()).containsExactly(b.lossesDb());
    assertThat(a.holdoutRmseAfterDb()).isEqualTo(b.holdoutRmseAfterDb());
  }

  @Test
  void refusesTooFewPointsAndABadHoldout() {
    Fixture f = Fixture.city();
    List<Measurement> ms =
        new SyntheticCampaign(3, 1, 1.5, 0, 0, 400, 400)
            .run(f.tracer, f.tx, 20, Map.of(), new SplittableRandom(9));
    assertThatThrownBy(
            () -> Calibration.calibrate(f.tracer, f.tx, 20, ms, 0.95, new SplittableRandom(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("holdout");
    assertThatThrownBy(
            () -> Calibration.calibrate(f.tracer, f.tx, 20, ms, 0.0, new SplittableRandom(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("more training points than material classes");
  }
}
