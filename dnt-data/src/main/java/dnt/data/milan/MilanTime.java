package dnt.data.milan;

import dnt.core.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Milan local time (Europe/Rome), in which the daily files are aligned, and ISO parsing. */
public final class MilanTime {
  /** The zone of the Milan files. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Rome");

  private MilanTime() {}

  /**
   * Parses an ISO-8601 instant: with an offset or {@code Z} ({@code 2013-11-01T00:00Z}), or
   * without, read as Milan local time ({@code 2013-11-01T00:00}, or a date {@code 2013-11-01}
   * meaning its local midnight).
   *
   * @param text the text
   * @return epoch milliseconds
   * @throws InvalidInputException if it is not ISO-8601
   */
  public static long parse(String text) {
    String s = text.strip();
    try {
      return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).atZone(ZONE).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZONE).toInstant().toEpochMilli();
    } catch (DateTimeException e) {
      throw new InvalidInputException(
          "'"
              + text
              + "' is not an ISO-8601 time such as 2013-11-01, 2013-11-01T08:00 (Milan time) or"
              + " 2013-11-01T07:00Z",
          e);
    }
  }

  /**
   * Formats an instant in Milan local time.
   *
   * @param millis epoch milliseconds
   * @return e.g. {@code 2013-11-01T00:00+01:00}
   */
  public static String format(long millis) {
    return ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), ZONE)
        .toOffsetDateTime()
        .toString();
  }
}
