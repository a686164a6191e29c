package dnt.data.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parser of a telemetry batch sent as text (the body of {@code POST /api/v1/telemetry}), with
 * the field rules of {@link RawReader}: every line is checked, and every bad line is reported with
 * its number, so that a batch is applied whole or not at all.
 *
 * <p>Three layouts are accepted, told apart by the first non-blank line:
 *
 * <ul>
 *   <li>raw Milan rows: no header, tab-separated, 3 to 8 fields {@code cellid, time_interval_ms,
 *       countrycode, smsin, smsout, callin, callout, internet}, empty fields 0;
 *   <li>the CSV re-export {@link RawReader} reads: a header naming the cell, time and {@code
 *       countrycode} columns;
 *   <li>the CSV of {@code dnt data export}: the header {@value #EXPORT_HEADER}, one total per
 *       (cell, slot) over all country codes. Such a row is keyed (cell, slot, {@value
 *       #TOTAL_COUNTRY_CODE}): the reserved country code {@link #TOTAL_COUNTRY_CODE} stands for
 *       "all country codes". Sending a total again replaces it; sending a total and per-country
 *       rows for the same (cell, slot) counts both (a slot's traffic is the sum over its keys), so
 *       a client sends one format per slot. A raw or re-export row may not use the reserved code.
 * </ul>
 *
 * <p>Lines end with LF or CRLF; blank lines are skipped; line numbers count every line from 1.
 */
public final class RawBatch {
  /**
   * The country code under which a total of the export format is keyed; no telephone country code
   * is this large, so it never collides with a measured row.
   */
  public static final int TOTAL_COUNTRY_CODE = Integer.MAX_VALUE;

  /**
   * The header of {@code dnt data export}'s CSV (the same as {@code dnt.data.store.ExportCsv}'s,
   * which this package cannot name without a package cycle).
   */
  public static final String EXPORT_HEADER = "cell,time,smsin,smsout,callin,callout,internet";

  /** How many bad lines a result lists (the count covers them all). */
  public static final int MAX_LISTED_ERRORS = 100;

  /** Which layout a batch used. */
  public enum Format {
    /** Raw tab-separated Milan rows without a header. */
    RAW,
    /** The CSV re-export with a header naming the cell, time and country code columns. */
    REEXPORT,
    /** The CSV of {@code dnt data export}: one total per (cell, slot). */
    EXPORT
  }

  /**
   * A bad line.
   *
   * @param line its number, from 1
   * @param message what is wrong, naming the field
   */
  public record LineError(long line, String message) {}

  /**
   * What a parse found.
   *
   * @param format the layout of the batch (raw when the batch is empty)
   * @param rows the good rows in body order (all of them only when {@link #ok()})
   * @param errors the first {@value #MAX_LISTED_ERRORS} bad lines, in order
   * @param badLines how many lines are bad in all
   */
  public record Result(Format format, List<RawRow> rows, List<LineError> errors, long badLines) {
    /** Copies the lists. */
    public Result {
      rows = List.copyOf(rows);
      errors = List.copyOf(errors);
    }

    /**
     * Whether every line is good.
     *
     * @return true when no line is bad
     */
    public boolean ok() {
      return badLines == 0;
    }
  }

  private RawBatch() {}

  /**
   * Parses a batch.
   *
   * @param body the text
   * @return the rows, or the bad lines
   */
  public static Result parse(String body) {
    List<RawRow> rows = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    long bad = 0;
    RawReader.Layout layout = null;
    Format format = Format.RAW;
    int start = 0;
    long lineNo = 0;
    while (start < body.length()) {
      int end = body.indexOf('\n', start);
      if (end < 0) {
        end = body.length();
      }
      String line =
          body.substring(start, end > start && body.charAt(end - 1) == '\r' ? end - 1 : end);
      start = end + 1;
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String message;
      if (layout == null) {
        String head = line.strip();
        if (!head.isEmpty() && Character.isDigit(head.charAt(0))) {
          layout = RawReader.Layout.raw();
        } else {
          if (head.toLowerCase(Locale.ROOT).replace(" ", "").equals(EXPORT_HEADER)) {
            layout = RawReader.Layout.exportTotals(TOTAL_COUNTRY_CODE);
            format = Format.EXPORT;
            continue;
          }
          layout = RawReader.Layout.fromHeader(head);
          if (layout != null) {
            format = Format.REEXPORT;
            continue;
          }
          bad++;
          errors.add(
              new LineError(
                  lineNo,
                  "the first line is neither a raw row (tab-separated, starting with the cell id)"
                      + " nor a header: the export's "
                      + EXPORT_HEADER
                      + " or one naming the cell, time and countrycode columns"));
          break;
        }
      }
      try {
        if (format == Format.EXPORT) {
          int fields = RawReader.split(line, ',').length;
          if (fields != 7) {
            throw new RawReader.BadField(
                "an export row has 7 comma-separated fields ("
                    + EXPORT_HEADER
                    + "), found "
                    + fields);
          }
        }
        RawRow row = layout.parse(line);
        if (format != Format.EXPORT && row.countryCode() == TOTAL_COUNTRY_CODE) {
          throw new RawReader.BadField(
              "country code "
                  + TOTAL_COUNTRY_CODE
                  + " is reserved for the totals of the export format ("
                  + EXPORT_HEADER
                  + ")");
        }
        rows.add(row);
        continue;
      } catch (RawReader.BadField e) {
        message = String.valueOf(e.getMessage());
      }
      bad++;
      if (errors.size() < MAX_LISTED_ERRORS) {
        errors.add(new LineError(lineNo, message));
      }
    }
    return new Result(format, bad == 0 ? rows : List.of(), errors, bad);
  }
}
