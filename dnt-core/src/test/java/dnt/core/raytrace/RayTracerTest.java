package dnt.core.raytrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tracer against closed forms. */
final class RayTracerTest {
  private static final double C = 299_792_458.0;

  /**
   * Lengths are sums of a few square roots of values of order 1e4-1e6 m^2: relative rounding of a
   * few ulps, well below 1e-9 m; gains in dB inherit that relative error (times 8.7 dB per unit),
   * also below 1e-9 dB.
   */
  private static final double TIGHT = 1e-9;

  private static Scene empty(String ground) {
    return new Scene(List.of(), Material.named(ground));
  }

  private static Building box(
      String id, double x0, double y0, double x1, double y1, double h, String m) {
    return new Building(
        id, new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1}, h, Material.named(m));
  }

  /** An independent Fresnel TE coefficient: (cos - sqrt(eta - sin^2)) / (cos + sqrt(...)). */
  private static double[] te(double epsReal, double epsImag, double cos) {
    double sin2 = 1 - cos * cos;
    // sqrt of (epsReal - sin2) + i epsImag, principal branch
    double re = epsReal - sin2;
    double im = epsImag;
    double mod = Math.hypot(re, im);
    double sr = Math.sqrt((mod + re) / 2);
    double si = Math.copySign(Math.sqrt((mod - re) / 2), im);
    double nr = cos - sr;
    double ni = -si;
    double dr = cos + sr;
    double di = si;
    double dd = dr * dr + di * di;
    return new double[] {(nr * dr + ni * di) / dd, (ni * dr - nr * di) / dd};
  }

  @Test
  void lineOfSightInFreeSpaceIsTheFriisGainAndTheLightDelay() {
    RayTracer tracer = new RayTracer(empty("pec"), new TraceSettings(3.5, 2, false, false));
    Point3 tx = new Point3(0, 0, 25);
    Point3 rx = new Point3(300, 400, 1.5);
    List<TracedPath> paths = tracer.trace(tx, rx);
    assertThat(paths).hasSize(1);
    TracedPath los = paths.get(0);
    double d = Math.sqrt(300 * 300 + 400 * 400 + 23.5 * 23.5);
    double lambda = C / 3.5e9;
    assertThat(los.kind()).isEqualTo("LOS");
    assertThat(los.lengthM()).isCloseTo(d, within(TIGHT));
    assertThat(los.delaySeconds()).isCloseTo(d / C, within(1e-18));
    assertThat(los.gainDb()).isCloseTo(20 * Math.log10(lambda / (4 * Math.PI * d)), within(TIGHT));
    assertThat(los.departureAzimuthDeg())
        .isCloseTo(Math.toDegrees(Math.atan2(400, 300)), within(1e-12));
    assertThat(los.departureElevationDeg())
        .isCloseTo(Math.toDegrees(Math.atan2(-23.5, 500)), within(1e-12));
    assertThat(los.arrivalAzimuthDeg())
        .isCloseTo(Math.toDegrees(Math.atan2(-400, -300)), within(1e-12));
    assertThat(los.arrivalElevationDeg())
        .isCloseTo(Math.toDegrees(Math.atan2(23.5, 500)), within(1e-12));
  }

  @Test
  void aPerfectGroundGivesTheTwoRayModel() {
    RayTracer tracer = new RayTracer(empty("pec"), new TraceSettings(2.0, 0, true, false));
    double ht = 30;
    double hr = 1.5;
    double lambda = C / 2e9;
    for (double d : new double[] {50, 200, 1000, 5000}) {
      List<TracedPath> paths = tracer.trace(new Point3(0, 0, ht), new Point3(d, 0, hr));
      assertThat(paths).extracting(TracedPath::kind).containsExactly("LOS", "G");
      double l1 = Math.hypot(d, ht - hr);
      double l2 = Math.hypot(d, ht + hr);
      assertThat(paths.get(1).lengthM()).isCloseTo(l2, within(TIGHT));
      // The exact two-ray field: lambda/(4 pi) (e^{-jk l1}/l1 - e^{-jk l2}/l2).
      double k = 2 * Math.PI / lambda;
      double re = Math.cos(k * l1) / l1 - Math.cos(k * l2) / l2;
      double im = -Math.sin(k * l1) / l1 + Math.sin(k * l2) / l2;
      double expected = 20 * Math.log10(lambda / (4 * Math.PI) * Math.hypot(re, im));
      Complex sum = paths.get(0).amplitude().plus(paths.get(1).amplitude());
      // k l is ~1e5 rad: the phase keeps ~1e-11 rad after the reduction modulo one wavelength,
      // so the coherent sum is good to ~1e-9 dB except near a null, which these distances avoid.
      assertThat(20 * Math.log10(sum.abs())).isCloseTo(expected, within(1e-6));
      // The ground point sits where the heights split the distance: d ht / (ht + hr).
      assertThat(paths.get(1).vertices().get(1).x()).isCloseTo(d * ht / (ht + hr), within(TIGHT));
    }
  }

  @Test
  void oneWallReflectsAtItsImageWithTheFresnelCoefficient() {
    // A long concrete wall along y = 50 facing south (its south face), 20 m tall.
    Scene scene =
        new Scene(List.of(box("w", -500, 50, 500, 60, 20, "concrete")), Material.named("pec"));
    RayTracer tracer = new RayTracer(scene, new TraceSettings(3.5, 1, false, false));
    Point3 tx = new Point3(0, 0, 10);
    Point3 rx = new Point3(80, 10, 2);
    List<TracedPath> paths = tracer.trace(tx, rx);
    assertThat(paths).extracting(TracedPath::kind).containsExactly("LOS", "R");
    TracedPath r = paths.get(1);
    Point3 image = new Point3(0, 100, 10); // the transmitter mirrored in y = 50
    double length = image.distance(rx);
    assertThat(r.lengthM()).isCloseTo(length, within(TIGHT));
    // The reflection point: where the line from the image to the receiver meets y = 50.
    double t = (100 - 50) / (100 - 10.0);
    Point3 p = r.vertices().get(1);
    assertThat(p.x()).isCloseTo(t * 80, within(TIGHT));
    assertThat(p.y()).isCloseTo(50, within(TIGHT));
    assertThat(p.z()).isCloseTo(10 + t * (2 - 10), within(TIGHT));
    double cos = 90 / length; // the y component of the unit direction
    double f = 3.5;
    double[] gamma = te(5.24, -17.98 * 0.0462 * Math.pow(f, 0.7822) / f, cos);
    double lambda = C / 3.5e9;
    double expectedDb =
        20 * Math.log10(lambda / (4 * Math.PI * length) * Math.hypot(gamma[0], gamma[1]));
    assertThat(r.gainDb()).isCloseTo(expectedDb, within(TIGHT));
    assertThat(r.departureAzimuthDeg())
        .isCloseTo(Math.toDegrees(Math.atan2(50, t * 80)), within(1e-9));
    assertThat(r.arrivalAzimuthDeg())
        .isCloseTo(Math.toDegrees(Math.atan2(50 - 10, t * 80 - 80)), within(1e-9));
  }

  @Test
  void aStreetCanyonHasTheExpectedPaths() {
    // Two long buildings with a 30 m street between them; both ends in the street.
    Scene scene =
        new Scene(
            List.of(
                box("s", -1000, -40, 1000, -15, 25, "brick"),
                box("n", -1000, 15, 1000, 40, 25, "glass")),
            Material.named("medium-dry-ground"));
    Point3 tx = new Point3(0, -5, 8);
    Point3 rx = new Point3(120, 6, 1.5);
    List<String> without =
        new RayTracer(scene, new TraceSettings(3.5, 2, false, false))
            .trace(tx, rx).stream().map(TracedPath::kind).sorted().toList();
    assertThat(without).containsExactly("LOS", "R", "R", "RR", "RR");
    List<String> with =
        new RayTracer(scene, new TraceSettings(3.5, 2, true, false))
            .trace(tx, rx).stream().map(TracedPath::kind).sorted().toList();
    // One ground reflection alone and one with each wall, before or after it.
    assertThat(with).hasSize(8);
    assertThat(with).contains("G");
    assertThat(with.stream().filter(k -> k.equals("GR") || k.equals("RG"))).hasSize(2);
  }

  @Test
  void swappingTheEndsGivesTheSamePathsReversed() {
    Scene scene =
        new Scene(
            new SyntheticCity(400, 400).generate(new SplittableRandom(3)),
            Material.named("wet-ground"));
    RayTracer tracer = new RayTracer(scene, new TraceSettings(3.5, 2, true, false));
    SplittableRandom random = new SplittableRandom(11);
    int compared = 0;
    for (int trial = 0; trial < 80; trial++) {
      Point3 a = street(scene, random, 6);
      Point3 b = street(scene, random, 1.5);
      List<TracedPath> ab = byLength(tracer.trace(a, b));
      List<TracedPath> ba = byLength(tracer.trace(b, a));
      assertThat(ba).hasSameSizeAs(ab);
      for (int i = 0; i < ab.size(); i++) {
        TracedPath p = ab.get(i);
        TracedPath q = ba.get(i);
        assertThat(reversed(q.kind())).isEqualTo(p.kind());
        assertThat(q.lengthM()).isCloseTo(p.lengthM(), within(1e-6));
        // Coefficients depend on the incidence angle only: equal up to rounding.
        assertThat(q.gainDb()).isCloseTo(p.gainDb(), within(1e-6));
        assertThat(q.departureAzimuthDeg()).isCloseTo(p.arrivalAzimuthDeg(), within(1e-6));
        assertThat(q.arrivalElevationDeg()).isCloseTo(p.departureElevationDeg(), within(1e-6));
        compared++;
      }
    }
    // Most random pairs in a dense city see each other by few paths or none; 80 pairs give ~80.
    assertThat(compared).isGreaterThan(40);
  }

  private static String reversed(String kind) {
    return kind.equals("LOS") ? kind : new StringBuilder(kind).reverse().toString();
  }

  private static List<TracedPath> byLength(List<TracedPath> paths) {
    List<TracedPath> sorted = new ArrayList<>(paths);
    sorted.sort(
        Comparator.comparingDouble(TracedPath::lengthM).thenComparing(p -> p.kind().length()));
    return sorted;
  }

  /** A random point outside every building. */
  static Point3 street(Scene scene, SplittableRandom random, double z) {
    while (true) {
      Point3 p = new Point3(random.nextDouble(0, 400), random.nextDouble(0, 400), z);
      if (scene.buildings().stream().noneMatch(b -> b.contains(p.x(), p.y()))) {
        return p;
      }
    }
  }

  @Test
  void noReflectionCoefficientExceedsOne() {
    SplittableRandom random = new SplittableRandom(5);
    for (Material m : Material.REGISTRY.entries().stream().map(e -> e.factory()).toList()) {
      for (int i = 0; i < 2000; i++) {
        double ghz =
            m.perfectConductor()
                ? 3.5
                : random.nextDouble(Math.max(m.minGhz(), 0.5), Math.min(m.maxGhz(), 100));
        double cos = random.nextDouble();
        assertThat(Fresnel.te(m, ghz, cos).abs()).as(m.name()).isLessThanOrEqualTo(1 + 1e-12);
        assertThat(Fresnel.tm(m, ghz, cos).abs()).as(m.name()).isLessThanOrEqualTo(1 + 1e-12);
      }
    }
  }

  @Test
  void aBuildingInTheWayBlocksLineOfSightAndDiffractionGoesOverItsRoof() {
    Scene scene =
        new Scene(List.of(box("b", 90, -50, 110, 50, 30, "concrete")), Material.named("pec"));
    Point3 tx = new Point3(0, 0, 20);
    Point3 rx = new Point3(200, 0, 1.5);
    RayTracer plain = new RayTracer(scene, new TraceSettings(3.5, 0, false, false));
    assertThat(plain.trace(tx, rx)).isEmpty();
    RayTracer diffracting = new RayTracer(scene, new TraceSettings(3.5, 0, false, true));
    List<TracedPath> paths = diffracting.trace(tx, rx);
    assertThat(paths).hasSize(1);
    TracedPath d = paths.get(0);
    // The taut string touches both roof edges (x = 90 and x = 110, 30 m): two knife edges.
    assertThat(d.kind()).isEqualTo("DD");
    double lambda = C / 3.5e9;
    // Edge 1 between tx (0, 20) and edge 2 (110, 30): the line at x = 90 is at 20 + 10 * 90 / 110.
    double h1 = 30 - (20 + 10 * 90.0 / 110);
    double v1 = h1 * Math.sqrt(2 * (90 + 20) / (lambda * 90 * 20));
    // Edge 2 between edge 1 (90, 30) and rx (200, 1.5): the line at x = 110.
    double h2 = 30 - (30 + (1.5 - 30) * 20 / 110.0);
    double v2 = h2 * Math.sqrt(2 * (20 + 90) / (lambda * 20 * 90));
    double loss = j(v1) + j(v2);
    double length = Math.hypot(90, 10) + 20 + Math.hypot(90, 28.5);
    assertThat(d.lengthM()).isCloseTo(length, within(TIGHT));
    assertThat(d.gainDb())
        .isCloseTo(20 * Math.log10(lambda / (4 * Math.PI * length)) - loss, within(TIGHT));
  }

  private static double j(double v) {
    return v <= -0.78 ? 0 : 6.9 + 20 * Math.log10(Math.sqrt((v - 0.1) * (v - 0.1) + 1) + v - 0.1);
  }

  @Test
  void knifeEdgeLossAtGrazingIsSixDecibels() {
    // P.526 Eq. 31 at v = 0: 6.9 + 20 log10(sqrt(1.01) - 0.1) = 6.0329 dB, the familiar 6 dB of a
    // grazing edge (half the field).
    assertThat(KnifeEdge.lossDb(0))
        .isCloseTo(6.9 + 20 * Math.log10(Math.sqrt(1.01) - 0.1), within(1e-12));
    assertThat(KnifeEdge.lossDb(0)).isCloseTo(20 * Math.log10(2), within(0.05));
    assertThat(KnifeEdge.lossDb(-1)).isZero();
  }

  @Test
  void badBuildingsAndReceiversAreRefusedByName() {
    assertThatThrownBy(() -> box("tall", 0, 0, 10, 10, 0, "brick"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("building 'tall': height must be a positive");
    assertThatThrownBy(
            () ->
                new Building(
                    "bow",
                    new double[] {0, 10, 0, 12},
                    new double[] {0, 0, 10, 12},
                    5,
                    Material.named("brick")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("building 'bow': the footprint intersects itself");
    assertThatThrownBy(
            () ->
                new Building(
                    "line", new double[] {0, 1}, new double[] {0, 1}, 5, Material.named("brick")))
        .hasMessageContaining("at least 3 distinct vertices");
    Scene scene = new Scene(List.of(box("b", 0, 0, 10, 10, 20, "brick")), Material.named("pec"));
    assertThatThrownBy(() -> scene.checkOutside("receiver 'r1'", new Point3(5, 5, 2)))
        .hasMessageContaining("receiver 'r1' is inside building 'b'");
    assertThatThrownBy(() -> Material.named("cardboard"))
        .hasMessageContaining("unknown material 'cardboard'");
  }
}
