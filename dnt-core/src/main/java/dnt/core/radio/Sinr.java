package dnt.core.radio;

/** Signal-to-interference-plus-noise ratio, in linear units. */
public final class Sinr {
  private Sinr() {}

  /**
   * {@code S / (N + I)}.
   *
   * @param signalMw received power of the serving station, mW
   * @param interferenceMw total interference, mW
   * @param noiseMw noise power, mW
   * @return the linear SINR
   */
  public static double linear(double signalMw, double interferenceMw, double noiseMw) {
    return signalMw / (noiseMw + interferenceMw);
  }
}
