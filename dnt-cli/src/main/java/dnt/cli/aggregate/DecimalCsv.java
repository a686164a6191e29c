package dnt.cli.aggregate;

import dnt.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes the plain numeric CSV of {@code dnt aggregate}: one vector per row,
 * comma-separated decimal numbers, no header, every row the same length. Anything else is rejected
 * with the file, line and field named; nothing is silently skipped (only trailing empty lines at
 * the end of the file are allowed).
 */
final class DecimalCsv {
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private DecimalCsv() {}

  /**
   * Reads every row.
   *
   * @param file the file
   * @return the rows, at least one, all of the same length
   * @throws IOException if the file cannot be read
   * @throws InvalidInputException if the content is malformed
   */
  static double[][] read(Path file) throws IOException {
    List<double[]> rows = new ArrayList<>();
    int blankSince = 0;
    int width = -1;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          if (blankSince == 0) {
            blankSince = lineNo;
          }
          continue;
        }
        if (blankSince != 0) {
          throw new InvalidInputException(
              file + " line " + blankSince + " is empty; every row must hold a vector");
        }
        double[] row = parse(file, lineNo, line);
        if (width < 0) {
          width = row.length;
        } else if (row.length != width) {
          throw new InvalidInputException(
              file
                  + " line "
                  + lineNo
                  + " has "
                  + row.length
                  + " values but line 1 has "
                  + width
                  + "; all rows must have the same length");
        }
        rows.add(row);
      }
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(file + " holds no rows");
    }
    return rows.toArray(new double[0][]);
  }

  private static double[] parse(Path file, int lineNo, String line) {
    String[] fields = line.split(",", -1);
    double[] row = new double[fields.length];
    for (int k = 0; k < fields.length; k++) {
      String f = fields[k].strip();
      if (!DECIMAL.matcher(f).matches()) {
        throw new InvalidInputException(
            file
                + " line "
                + lineNo
                + ", field "
                + (k + 1)
                + ": '"
                + f
                + "' is not a decimal number");
      }
      double v = Double.parseDouble(f);
      if (Double.isInfinite(v)) {
        throw new InvalidInputException(
            file + " line " + lineNo + ", field " + (k + 1) + ": '" + f + "' overflows a double");
      }
      row[k] = v;
    }
    return row;
  }

  /**
   * Formats a vector as one CSV row with round-trip precision ({@link Double#toString}).
   *
   * @param v the vector
   * @return the row, without a line terminator
   */
  static String format(double[] v) {
    StringBuilder sb = new StringBuilder(v.length * 20);
    for (int j = 0; j < v.length; j++) {
      if (j > 0) {
        sb.append(',');
      }
      sb.append(Double.toString(v[j]));
    }
    return sb.toString();
  }
}
