package dnt.data.integrity;

/**
 * What predicted an observation that the integrity check judged ({@link Verdict#predictor()}).
 * Journaled by its {@link #code()}, so the codes never change.
 */
public enum Predictor {
  /** The same slot a day earlier as the twin shows it ({@link MaskPredict}). */
  SEASONAL_NAIVE("seasonal-naive", 0),
  /**
   * The cell's trained forecaster (its cluster twin's one-step prediction of the internet activity
   * from the slots before, as the twin shows them); the other services a day earlier.
   */
  FORECASTER("forecaster", 1);

  private final String label;
  private final int code;

  Predictor(String label, int code) {
    this.label = label;
    this.code = code;
  }

  /**
   * The name the API and the docs use.
   *
   * @return "seasonal-naive" or "forecaster"
   */
  public String label() {
    return label;
  }

  /**
   * The stable code journaled for it.
   *
   * @return 0 or 1
   */
  public int code() {
    return code;
  }

  /**
   * The predictor of a journaled code.
   *
   * @param code a code of {@link #code()}
   * @return the predictor
   * @throws IllegalArgumentException for an unknown code
   */
  public static Predictor ofCode(int code) {
    for (Predictor p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown predictor code " + code);
  }
}
