package dnt.data.raw;

import dnt.data.Service;

/**
 * One row of a raw Milan file: the activity of one country code in one cell and 10-minute slot.
 * Empty fields of the file are 0 here.
 *
 * @param cell the grid square, 1..10000
 * @param timeMillis start of the slot, epoch milliseconds UTC
 * @param countryCode the country code of the other party or roaming user (39 = Italy)
 * @param smsIn incoming SMS activity
 * @param smsOut outgoing SMS activity
 * @param callIn incoming call activity
 * @param callOut outgoing call activity
 * @param internet internet activity
 */
public record RawRow(
    int cell,
    long timeMillis,
    int countryCode,
    double smsIn,
    double smsOut,
    double callIn,
    double callOut,
    double internet) {

  /**
   * The value of one service.
   *
   * @param s the service
   * @return the activity
   */
  public double value(Service s) {
    return switch (s) {
      case SMS_IN -> smsIn;
      case SMS_OUT -> smsOut;
      case CALL_IN -> callIn;
      case CALL_OUT -> callOut;
      case INTERNET -> internet;
    };
  }
}
