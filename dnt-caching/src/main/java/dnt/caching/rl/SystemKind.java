package dnt.caching.rl;

/** The four edge-caching systems of the DNT paper's case study IV-B (Figs. 4 and 5). */
public enum SystemKind {
  /** RL trained on data from the physical network only. */
  RL("RL", false, false),
  /** RL trained on physical data plus twin-generated episodes. */
  RL_DNT("RL w/ DNT", true, false),
  /** RL with the safety state, action and reward modules. */
  RELIABLE_RL("Reliable RL", false, true),
  /** Reliable RL trained on physical data plus twin-generated episodes. */
  RELIABLE_RL_DNT("Reliable RL w/ DNT", true, true);

  private final String label;
  private final boolean twinData;
  private final boolean reliable;

  SystemKind(String label, boolean twinData, boolean reliable) {
    this.label = label;
    this.twinData = twinData;
    this.reliable = reliable;
  }

  /**
   * The paper's name.
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * Whether training mixes in twin-generated episodes.
   *
   * @return true for the "w/ DNT" systems
   */
  public boolean twinData() {
    return twinData;
  }

  /**
   * Whether the reliability modules are on.
   *
   * @return true for the "Reliable" systems
   */
  public boolean reliable() {
    return reliable;
  }

  /**
   * The safety settings of this system.
   *
   * @return {@link SafetySettings#RELIABLE} or {@link SafetySettings#OFF}
   */
  public SafetySettings safety() {
    return reliable ? SafetySettings.RELIABLE : SafetySettings.OFF;
  }
}
