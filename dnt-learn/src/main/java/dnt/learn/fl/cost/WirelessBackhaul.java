package dnt.learn.fl.cost;

import dnt.core.InvalidInputException;
import dnt.core.InvalidSettingException;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.Propagation;
import dnt.core.radio.RateModel;
import dnt.core.radio.RateModels;
import dnt.core.radio.ThermalNoise;

/**
 * A wireless backhaul link from a small cell to its macro station (the cluster head), rated by the
 * twin's own radio model: the path loss of a {@link Propagation#MODELS} model through the twin's
 * {@link LinkBudget} (the macro as the transmitting end, the small cell as the receiving end at its
 * height; LOS or NLOS fixed, no shadowing: a planned link), thermal noise over the backhaul band
 * with the receiver's noise figure ({@link ThermalNoise}), and a {@link RateModels} model: {@code
 * rate = B x se(SNR)}, {@code SNR = P_tx + G - PL - N} in dB. No interference: the backhaul is
 * assumed to have its own band. The rate is taken to be the same in both directions.
 *
 * <p>Reconstructed, not from the paper: the paper names no backhaul. The link budget is the one
 * {@code NetworkTwin} applies between a station and a user ({@code TwinConfig.links()}, 3GPP TR
 * 38.901), applied here between two stations; every number is a setting.
 *
 * @param propagation a {@link Propagation#MODELS} name ({@code uma}, {@code umi}, {@code fspl})
 * @param carrierGhz the carrier, GHz
 * @param lineOfSight whether the link is line of sight
 * @param distanceM the horizontal distance from the small cell to its macro, metres (at least 10)
 * @param headHeightM the macro's antenna height, metres
 * @param stationHeightM the small cell's antenna height, metres
 * @param txPowerDbm the transmit power, dBm
 * @param antennaGainsDb both ends' antenna gains together, dB
 * @param bandwidthMHz the backhaul band, MHz
 * @param noiseFigureDb the receiver's noise figure, dB
 * @param rate a {@link RateModels} name ({@code shannon}, {@code attenuated-shannon})
 * @param latencyMs the link's one-way latency, milliseconds
 */
public record WirelessBackhaul(
    String propagation,
    double carrierGhz,
    boolean lineOfSight,
    double distanceM,
    double headHeightM,
    double stationHeightM,
    double txPowerDbm,
    double antennaGainsDb,
    double bandwidthMHz,
    double noiseFigureDb,
    String rate,
    double latencyMs) {
  /** Checks the values; registry names are kept in their registry spelling. */
  public WirelessBackhaul {
    try {
      propagation = Propagation.MODELS.canonicalName(propagation);
    } catch (InvalidInputException e) {
      throw new InvalidSettingException("propagation", String.valueOf(e.getMessage()));
    }
    try {
      rate = RateModels.MODELS.canonicalName(rate);
    } catch (InvalidInputException e) {
      throw new InvalidSettingException("rate", String.valueOf(e.getMessage()));
    }
    positive("carrierGhz", carrierGhz);
    positive("headHeightM", headHeightM);
    positive("stationHeightM", stationHeightM);
    positive("bandwidthMHz", bandwidthMHz);
    if (!(distanceM >= Propagation.MIN_DISTANCE_2D_M) || Double.isInfinite(distanceM)) {
      throw new InvalidSettingException(
          "distanceM",
          "the backhaul distance must be at least "
              + Propagation.MIN_DISTANCE_2D_M
              + " m and finite, got "
              + distanceM);
    }
    finite("txPowerDbm", txPowerDbm);
    finite("antennaGainsDb", antennaGainsDb);
    finite("noiseFigureDb", noiseFigureDb);
    if (!(latencyMs >= 0) || Double.isInfinite(latencyMs)) {
      throw new InvalidSettingException(
          "latencyMs", "latencyMs must be finite and at least 0, got " + latencyMs);
    }
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new InvalidSettingException(key, key + " must be positive and finite, got " + v);
    }
  }

  private static void finite(String key, double v) {
    if (!Double.isFinite(v)) {
      throw new InvalidSettingException(key, key + " must be a finite number, got " + v);
    }
  }

  /**
   * The link's path loss through the twin's link budget.
   *
   * @return dB
   */
  public double pathLossDb() {
    LinkBudget links =
        new LinkBudget(
            Propagation.byName(propagation, carrierGhz),
            lineOfSight ? LosMode.ALWAYS : LosMode.NEVER,
            false,
            0);
    return links.lossDb(0, 0, distanceM, headHeightM, stationHeightM);
  }

  /**
   * The signal-to-noise ratio at the receiving end.
   *
   * @return dB
   */
  public double snrDb() {
    return txPowerDbm
        + antennaGainsDb
        - pathLossDb()
        - ThermalNoise.dbm(bandwidthMHz * 1e6, noiseFigureDb);
  }

  /**
   * The link's rate.
   *
   * @return bit/s
   */
  public double rateBps() {
    RateModel model = RateModels.byName(rate);
    return bandwidthMHz * 1e6 * model.spectralEfficiency(Math.pow(10, snrDb() / 10));
  }

  /**
   * The link as a hop.
   *
   * @return the hop at {@link #rateBps()} and the latency
   * @throws InvalidInputException if the link budget leaves no rate (SNR too low)
   */
  public Hop hop() {
    double bps = rateBps();
    if (!(bps > 0)) {
      throw new InvalidSettingException(
          "distanceM",
          "the wireless backhaul has no rate at "
              + distanceM
              + " m (SNR "
              + String.format(java.util.Locale.ROOT, "%.1f", snrDb())
              + " dB)");
    }
    return new Hop(bps / 8, latencyMs / 1e3);
  }
}
