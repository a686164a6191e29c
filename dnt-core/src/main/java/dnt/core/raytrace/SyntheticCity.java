package dnt.core.raytrace;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A seeded generator of city blocks typical of a European centre: a street grid whose blocks are 60
 * to 120 m on a side and streets 12 to 24 m wide, each block divided into one to three by one to
 * two buildings separated by 2 m passages, 12 to 30 m tall (four to nine storeys), of concrete
 * (half), brick (35 %) or glass (15 %). The numbers are typical values of European historic and
 * nineteenth-century centres (block sizes of Barcelona's Eixample and Milan's centre are in this
 * range); they are settings of the generator, not measurements.
 *
 * @param width the extent along x, m
 * @param depth the extent along y, m
 */
public record SyntheticCity(double width, double depth) {
  /** Checks the extent. */
  public SyntheticCity {
    if (!(width >= 100 && width <= 20_000 && depth >= 100 && depth <= 20_000)) {
      throw new IllegalArgumentException(
          "width and depth must be in [100, 20000] m, got " + width + " and " + depth);
    }
  }

  /**
   * Generates the buildings.
   *
   * @param random the seeded source of every draw
   * @return the buildings, ids {@code b1, b2, ...}, with local coordinates from (0, 0)
   */
  public List<Building> generate(RandomGenerator random) {
    List<double[]> xs = spans(width, random);
    List<double[]> ys = spans(depth, random);
    List<Building> buildings = new ArrayList<>();
    for (double[] bx : xs) {
      for (double[] by : ys) {
        int nx = 1 + random.nextInt(3);
        int ny = 1 + random.nextInt(2);
        double gap = 2;
        double w = (bx[1] - bx[0] - (nx - 1) * gap) / nx;
        double d = (by[1] - by[0] - (ny - 1) * gap) / ny;
        for (int i = 0; i < nx; i++) {
          for (int j = 0; j < ny; j++) {
            double x0 = centimetres(bx[0] + i * (w + gap));
            double y0 = centimetres(by[0] + j * (d + gap));
            double x1 = centimetres(bx[0] + i * (w + gap) + w);
            double y1 = centimetres(by[0] + j * (d + gap) + d);
            double height = 12 + 18 * random.nextDouble();
            double m = random.nextDouble();
            Material material = Material.named(m < 0.5 ? "concrete" : m < 0.85 ? "brick" : "glass");
            buildings.add(
                new Building(
                    "b" + (buildings.size() + 1),
                    new double[] {x0, x1, x1, x0},
                    new double[] {y0, y0, y1, y1},
                    Math.round(height * 10) / 10.0,
                    material));
          }
        }
      }
    }
    return buildings;
  }

  private static double centimetres(double metres) {
    return Math.round(metres * 100) / 100.0;
  }

  /** Blocks along one axis: {start, end} pairs separated by streets, within [0, extent]. */
  private static List<double[]> spans(double extent, RandomGenerator random) {
    List<double[]> spans = new ArrayList<>();
    double at = 12 + 12 * random.nextDouble();
    while (true) {
      double size = 60 + 60 * random.nextDouble();
      if (at + size > extent) {
        return spans;
      }
      spans.add(new double[] {at, at + size});
      at += size + 12 + 12 * random.nextDouble();
    }
  }
}
