package dnt.core.raytrace;

/**
 * One wall: a vertical rectangle over a footprint edge, from the ground to the roof.
 *
 * @param building the index of its building in the scene
 * @param x1 start x, m (counter-clockwise order of the footprint)
 * @param y1 start y, m
 * @param x2 end x, m
 * @param y2 end y, m
 * @param nx outward unit normal, x
 * @param ny outward unit normal, y
 * @param height roof height, m
 * @param material its material
 */
public record Wall(
    int building,
    double x1,
    double y1,
    double x2,
    double y2,
    double nx,
    double ny,
    double height,
    Material material) {

  /**
   * Signed distance of a plan point from the wall's plane, positive outside.
   *
   * @param x x, m
   * @param y y, m
   * @return the distance, m
   */
  public double side(double x, double y) {
    return (x - x1) * nx + (y - y1) * ny;
  }

  /**
   * The mirror image of a point in the wall's vertical plane.
   *
   * @param p the point
   * @return its image (same z)
   */
  public Point3 mirror(Point3 p) {
    double s = 2 * side(p.x(), p.y());
    return new Point3(p.x() - s * nx, p.y() - s * ny, p.z());
  }
}
