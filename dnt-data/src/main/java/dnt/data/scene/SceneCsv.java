package dnt.data.scene;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The reading shared by the ray tracer's point files ({@link ReceiversCsv}, {@link
 * MeasurementsCsv}): an RFC 4180 file with an exact header, one record per line, every refusal one
 * sentence naming the file and, where there is one, the line and column.
 */
final class SceneCsv {
  private SceneCsv() {}

  /** Turns one record into a value, refusing it with a message that names the line. */
  @FunctionalInterface
  interface RowReader<T> {
    /**
     * Reads a record.
     *
     * @param row the record (as many fields as the header)
     * @param line its line number in the file
     * @return the value
     */
    T read(CSVRecord row, long line);
  }

  /**
   * Reads a file.
   *
   * @param file the file
   * @param what what the file holds, for "the receivers file ... does not exist"
   * @param none what an empty file lacks, for "... has no receivers"
   * @param header the exact header
   * @param reader reads each record
   * @return the values, in file order
   * @throws InvalidInputException naming the file, line and column at fault
   */
  static <T> List<T> read(
      Path file, String what, String none, List<String> header, RowReader<T> reader) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("the " + what + " file " + file + " does not exist");
    }
    List<T> out = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file);
        CSVParser parser =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
      if (!parser.getHeaderNames().equals(header)) {
        throw new InvalidInputException(
            file
                + ": the header must be "
                + String.join(",", header)
                + ", got "
                + String.join(",", parser.getHeaderNames()));
      }
      for (CSVRecord row : parser) {
        long line = row.getRecordNumber() + 1;
        if (row.size() != header.size()) {
          throw new InvalidInputException(
              file
                  + " line "
                  + line
                  + ": expected "
                  + header.size()
                  + " fields, got "
                  + row.size());
        }
        out.add(reader.read(row, line));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new InvalidInputException(file + " cannot be read (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(file + " has no " + none);
    }
    return out;
  }

  /**
   * A field as a number.
   *
   * @param file the file, for the message
   * @param header the header, for the column's name
   * @param row the record
   * @param line its line
   * @param column the field's index
   * @return the number (possibly infinite or NaN: the caller checks its range)
   * @throws InvalidInputException when the field is not a number
   */
  static double number(Path file, List<String> header, CSVRecord row, long line, int column) {
    try {
      return Double.parseDouble(row.get(column).strip());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          file
              + " line "
              + line
              + " column "
              + header.get(column)
              + ": '"
              + row.get(column)
              + "' is not a number",
          e);
    }
  }
}
