package dnt.caching.io;

import dnt.core.InvalidInputException;

/** Field parsing shared by the CSV readers, with messages naming the file, line and field. */
final class CsvLines {
  private CsvLines() {}

  static String[] fields(String line, int expected, String source, long lineNo, String header) {
    String[] f = line.split(",", -1);
    if (f.length != expected) {
      throw new InvalidInputException(
          source
              + " line "
              + lineNo
              + ": expected "
              + expected
              + " fields ("
              + header
              + "), got "
              + f.length);
    }
    return f;
  }

  static int nonNegativeInt(String text, String field, String source, long lineNo) {
    String t = text.strip();
    try {
      int v = Integer.parseInt(t);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        source + " line " + lineNo + ": " + field + " '" + t + "' is not a non-negative integer");
  }

  static void header(String line, String expected, String source) {
    if (line == null) {
      throw new InvalidInputException(source + " is empty; expected the header " + expected);
    }
    String h = line.startsWith("\uFEFF") ? line.substring(1) : line;
    if (!h.replace(" ", "").equalsIgnoreCase(expected)) {
      throw new InvalidInputException(
          source + " line 1: expected the header " + expected + ", got '" + line + "'");
    }
  }
}
