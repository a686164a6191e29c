package dnt.core.radio;

/** The Shannon bound, {@code log2(1 + SINR)} bit/s/Hz. */
public record Shannon() implements RateModel {
  private static final double LN2 = Math.log(2);

  @Override
  public double spectralEfficiency(double sinrLinear) {
    return Math.log1p(sinrLinear) / LN2;
  }

  @Override
  public String name() {
    return "shannon";
  }

  @Override
  public double[] parameters() {
    return new double[0];
  }
}
