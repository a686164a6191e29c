package dnt.data;

import dnt.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The five activity measures of the Telecom Italia Milan dataset, in the column order of the raw
 * files and of {@code dnt data export}.
 */
public enum Service {
  /** Incoming SMS activity. */
  SMS_IN("smsin"),
  /** Outgoing SMS activity. */
  SMS_OUT("smsout"),
  /** Incoming call activity. */
  CALL_IN("callin"),
  /** Outgoing call activity. */
  CALL_OUT("callout"),
  /** Internet (data session) activity. */
  INTERNET("internet");

  private static final Service[] VALUES = values();

  private final String column;

  Service(String column) {
    this.column = column;
  }

  /**
   * The column name used in raw-file documentation and CSV exports.
   *
   * @return the lower-case column name, e.g. {@code "smsin"}
   */
  public String column() {
    return column;
  }

  /**
   * Parses a column name, ignoring case and surrounding blanks.
   *
   * @param text a column name such as {@code "internet"} or {@code "SMSIN"}
   * @return the service
   * @throws InvalidInputException if the text names no service
   */
  public static Service parse(String text) {
    String key = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (Service s : VALUES) {
      if (s.column.equals(key)) {
        return s;
      }
    }
    throw new InvalidInputException(
        "unknown service '"
            + text
            + "'; expected one of "
            + Arrays.stream(VALUES).map(Service::column).collect(Collectors.joining(", ")));
  }

  /**
   * All services in column order (a fresh array).
   *
   * @return the services
   */
  public static Service[] all() {
    return VALUES.clone();
  }
}
