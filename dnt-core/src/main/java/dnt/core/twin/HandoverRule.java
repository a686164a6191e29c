package dnt.core.twin;

import dnt.core.PhysicalLimits;

/**
 * The A3 handover rule of 3GPP TS 38.331 (Sec. 5.5.4.4), simplified to one offset: a user hands
 * over to a neighbour once the neighbour's received power exceeds the serving station's by more
 * than the hysteresis, and keeps doing so for the time-to-trigger.
 *
 * @param hysteresisDb the A3 offset plus hysteresis, dB ({@link PhysicalLimits#HYSTERESIS_DB})
 * @param timeToTriggerMs how long the condition must hold, milliseconds ({@link
 *     PhysicalLimits#TIME_TO_TRIGGER_MS})
 */
public record HandoverRule(double hysteresisDb, long timeToTriggerMs) {
  /** Validates the rule. */
  public HandoverRule {
    PhysicalLimits.HYSTERESIS_DB.check("the handover rule", hysteresisDb);
    PhysicalLimits.TIME_TO_TRIGGER_MS.check("the handover rule", (double) timeToTriggerMs);
  }

  /**
   * The default: 3 dB and 160 ms (one of the TS 38.331 time-to-trigger values).
   *
   * @return the rule
   */
  public static HandoverRule defaults() {
    return new HandoverRule(3.0, 160);
  }
}
