package dnt.data.raw;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The validating reader of raw Milan traffic files, plain or gzip.
 *
 * <p>Two layouts are accepted, told apart by the first line:
 *
 * <ul>
 *   <li>The original files: no header, tab-separated, 3 to 8 fields {@code cellid,
 *       time_interval_ms, countrycode, smsin, smsout, callin, callout, internet}; trailing empty
 *       fields may be dropped (a row of 3 fields has no activity), and empty fields are 0.
 *   <li>The common CSV re-export: a header naming the columns (comma- or tab-separated, any order):
 *       the cell as {@code GridID}, {@code CellID} or {@code square_id}; the time as {@code
 *       TimeInterval} (epoch ms) or {@code datetime} ({@code yyyy-MM-dd HH:mm:ss}, local Milan time
 *       unless it carries an offset); {@code countrycode}; and any of the five services.
 * </ul>
 *
 * <p>Every row is checked: cell in 1..10000, time an epoch-millisecond start of a 10-minute slot, a
 * non-negative integer country code, non-negative finite values. A bad row is reported as {@code
 * file:line: what is wrong} to a {@link BadRows} policy.
 */
public final class RawReader {
  /** The length of a Milan slot in milliseconds (10 minutes). */
  public static final long SLOT_MILLIS = 600_000L;

  /** The time zone the Milan files are aligned to. */
  public static final ZoneId MILAN = ZoneId.of("Europe/Rome");

  private static final String[] RAW_COLUMNS = {
    "cellid", "time_interval", "countrycode", "smsin", "smsout", "callin", "callout", "internet"
  };
  private static final List<String> CELL_NAMES =
      List.of("gridid", "cellid", "square_id", "squareid", "cell");
  private static final List<String> TIME_NAMES =
      List.of("timeinterval", "time_interval", "datetime", "time");
  private static final List<String> VALUE_NAMES =
      List.of("smsin", "smsout", "callin", "callout", "internet");
  private static final DateTimeFormatter LOCAL_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  /**
   * What a read saw.
   *
   * @param rowsRead non-blank data lines (header excluded), good or bad
   * @param rowsBad rows reported as bad (only non-zero when skipping)
   */
  public record Result(long rowsRead, long rowsBad) {}

  private RawReader() {}

  /**
   * Reads a whole file.
   *
   * @param file a raw file or CSV re-export, plain or gzip
   * @param badRows what to do with malformed rows
   * @param sink receives every good row, in file order
   * @return counts
   * @throws InvalidInputException at the first bad row unless skipping
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Result read(Path file, BadRows badRows, Consumer<RawRow> sink) {
    long before = badRows.count();
    long rows = 0;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(RawFiles.open(file), StandardCharsets.ISO_8859_1), 1 << 16)) {
      String line = in.readLine();
      int lineNo = 1;
      while (line != null && line.isBlank()) {
        line = in.readLine();
        lineNo++;
      }
      if (line == null) {
        return new Result(0, 0);
      }
      Layout layout = Layout.detect(file, line, lineNo);
      if (layout.header) {
        line = in.readLine();
        lineNo++;
      }
      String name = file.toString();
      for (; line != null; line = in.readLine(), lineNo++) {
        if (line.isBlank()) {
          continue;
        }
        rows++;
        RawRow row;
        try {
          row = layout.parse(line);
        } catch (BadField e) {
          badRows.report(name + ":" + lineNo + ": " + e.getMessage());
          continue;
        }
        sink.accept(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new Result(rows, badRows.count() - before);
  }

  /** A field failed validation; the message says which and why. */
  static final class BadField extends Exception {
    private static final long serialVersionUID = 1L;

    BadField(String message) {
      super(message, null, false, false);
    }
  }

  /** Where the fields of a row are (also used by {@link RawBatch} for request bodies). */
  static final class Layout {
    final boolean header;
    final char delimiter;
    final int cellCol;
    final int timeCol;

    /** Column of the country code, or -1 when every row has {@link #fixedCountry}. */
    final int countryCol;

    /** The country code of every row of a layout without a country column. */
    final int fixedCountry;

    /** Column of each service (smsin..internet), or -1 when the file lacks it. */
    final int[] valueCols;

    final boolean datetime;
    final int maxFields;

    private Layout(
        boolean header,
        char delimiter,
        int cellCol,
        int timeCol,
        int countryCol,
        int fixedCountry,
        int[] valueCols,
        boolean datetime,
        int maxFields) {
      this.header = header;
      this.delimiter = delimiter;
      this.cellCol = cellCol;
      this.timeCol = timeCol;
      this.countryCol = countryCol;
      this.fixedCountry = fixedCountry;
      this.valueCols = valueCols;
      this.datetime = datetime;
      this.maxFields = maxFields;
    }

    static Layout detect(Path file, String first, int lineNo) {
      String head = first.strip();
      char c0 = head.isEmpty() ? '0' : head.charAt(0);
      if (Character.isDigit(c0)) {
        return raw();
      }
      Layout layout = fromHeader(head);
      if (layout == null) {
        throw new InvalidInputException(
            file
                + ":"
                + lineNo
                + ": not a raw Milan file: the first line is neither a data row nor a header"
                + " naming the cell (GridID/CellID), time (TimeInterval/datetime) and countrycode"
                + " columns");
      }
      return layout;
    }

    /** The layout of the original files: no header, tab-separated. */
    static Layout raw() {
      return new Layout(false, '\t', 0, 1, 2, 0, new int[] {3, 4, 5, 6, 7}, false, 8);
    }

    /**
     * The layout of a CSV re-export from its header line.
     *
     * @return the layout, or null if the header does not name the cell, time and countrycode
     */
    static @Nullable Layout fromHeader(String head) {
      char delimiter = head.indexOf(',') >= 0 ? ',' : '\t';
      List<String> names =
          Arrays.stream(split(head, delimiter))
              .map(s -> unquote(s).strip().toLowerCase(Locale.ROOT))
              .toList();
      int cell = indexOfAny(names, CELL_NAMES);
      int time = indexOfAny(names, TIME_NAMES);
      int country = names.indexOf("countrycode");
      if (cell < 0 || time < 0 || country < 0) {
        return null;
      }
      int[] values = new int[VALUE_NAMES.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = names.indexOf(VALUE_NAMES.get(i));
      }
      boolean datetime = names.get(time).equals("datetime");
      return new Layout(true, delimiter, cell, time, country, 0, values, datetime, names.size());
    }

    /**
     * The layout of {@code dnt data export}'s CSV ({@code cell,time,smsin,smsout,callin,callout,
     * internet}, time in epoch ms): one total per (cell, slot), keyed under one country code.
     */
    static Layout exportTotals(int countryCode) {
      return new Layout(true, ',', 0, 1, -1, countryCode, new int[] {2, 3, 4, 5, 6}, false, 7);
    }

    private static int indexOfAny(List<String> names, List<String> wanted) {
      for (String w : wanted) {
        int i = names.indexOf(w);
        if (i >= 0) {
          return i;
        }
      }
      return -1;
    }

    RawRow parse(String line) throws BadField {
      String[] f = split(line, delimiter);
      if (!header && (f.length < 3 || f.length > 8)) {
        throw new BadField(
            "a raw row has 3 to 8 tab-separated fields ("
                + String.join(", ", RAW_COLUMNS)
                + "), found "
                + f.length);
      }
      if (header && f.length > maxFields) {
        throw new BadField("the header names " + maxFields + " columns, the row has " + f.length);
      }
      int cell = (int) parseLong(field(f, cellCol), "cell id");
      if (cell < 1 || cell > CellId.MAX) {
        throw new BadField("cell id " + cell + " is outside the Milan grid 1.." + CellId.MAX);
      }
      long time =
          datetime ? parseDateTime(field(f, timeCol)) : parseLong(field(f, timeCol), "time");
      if (Math.floorMod(time, SLOT_MILLIS) != 0) {
        throw new BadField("time " + time + " is not the start of a 10-minute slot");
      }
      long country =
          countryCol < 0 ? fixedCountry : parseLong(field(f, countryCol), "country code");
      if (country > Integer.MAX_VALUE) {
        throw new BadField("country code " + country + " is too large");
      }
      double[] v = new double[5];
      for (int i = 0; i < 5; i++) {
        int col = valueCols[i];
        v[i] = col < 0 ? 0 : parseValue(field(f, col), VALUE_NAMES.get(i));
      }
      return new RawRow(cell, time, (int) country, v[0], v[1], v[2], v[3], v[4]);
    }

    private static String field(String[] f, int col) {
      return col < f.length ? unquote(f[col]).strip() : "";
    }

    private static long parseLong(String text, String what) throws BadField {
      if (text.isEmpty()) {
        throw new BadField(what + " is empty");
      }
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          throw new BadField(what + " '" + text + "' is not a non-negative integer");
        }
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new BadField(what + " '" + text + "' is too large");
      }
    }

    private static long parseDateTime(String text) throws BadField {
      if (text.isEmpty()) {
        throw new BadField("datetime is empty");
      }
      if (Character.isDigit(text.charAt(0)) && text.chars().allMatch(Character::isDigit)) {
        return parseLong(text, "time");
      }
      try {
        return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant().toEpochMilli();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(text, LOCAL_TIME).atZone(MILAN).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
          throw new BadField("datetime '" + text + "' is not yyyy-MM-dd HH:mm:ss");
        }
      }
    }

    private static double parseValue(String text, String column) throws BadField {
      if (text.isEmpty()) {
        return 0;
      }
      double v;
      try {
        v = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new BadField(column + " '" + text + "' is not a number");
      }
      if (!Double.isFinite(v) || Character.isLetter(text.charAt(text.length() - 1))) {
        throw new BadField(column + " '" + text + "' is not a finite decimal number");
      }
      if (v < 0) {
        throw new BadField(column + " " + text + " is negative");
      }
      return v + 0.0; // -0 becomes 0
    }

    private static String unquote(String s) {
      return s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"'
          ? s.substring(1, s.length() - 1)
          : s;
    }
  }

  /** Splits on one character, keeping empty fields (including trailing ones). */
  static String[] split(String line, char delimiter) {
    int n = 1;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == delimiter) {
        n++;
      }
    }
    String[] out = new String[n];
    int start = 0;
    int k = 0;
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == delimiter) {
        out[k++] = line.substring(start, i);
        start = i + 1;
      }
    }
    out[k] = line.substring(start);
    return out;
  }
}
