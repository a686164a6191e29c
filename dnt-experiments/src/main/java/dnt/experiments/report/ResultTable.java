package dnt.experiments.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

/**
 * The columns of a study's CSV file, declared once: the header comes from the same list as the
 * values, so the two cannot drift apart. Values are formatted with {@link Locale#ROOT} and escaped
 * by commons-csv (RFC 4180, quoted only where needed, or always for a column declared quoted);
 * lines end with {@code \n}.
 *
 * <pre>{@code
 * static final ResultTable<Row> METRICS =
 *     ResultTable.<Row>of()
 *         .column("method", r -> r.method().id())
 *         .column("seed", Row::seed)
 *         .column("mse", "%.6f", Row::mse);
 * METRICS.write(run.file("metrics.csv"), rows);
 * }</pre>
 *
 * @param <R> the row type
 */
public final class ResultTable<R> {
  private static final CSVFormat MINIMAL =
      CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.MINIMAL).setRecordSeparator('\n').get();
  private static final CSVFormat ALL =
      CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).setRecordSeparator('\n').get();

  private record Column<R>(
      String name, String format, Function<? super R, ?> value, boolean quoted) {}

  private final List<Column<R>> columns;

  private ResultTable(List<Column<R>> columns) {
    this.columns = List.copyOf(columns);
  }

  /**
   * A table with no column yet.
   *
   * @param <R> the row type
   * @return the table
   */
  public static <R> ResultTable<R> of() {
    return new ResultTable<>(List.of());
  }

  /**
   * Adds a column whose values print as {@link String#valueOf(Object)}.
   *
   * @param name the header
   * @param value the value of a row
   * @return a new table with the column last
   */
  public ResultTable<R> column(String name, Function<? super R, ?> value) {
    return with(new Column<>(name, "%s", value, false));
  }

  /**
   * Adds a column whose values print with a {@link String#format} pattern ({@code "%.6f"}).
   *
   * @param name the header
   * @param format the pattern, formatted with {@link Locale#ROOT}
   * @param value the value of a row
   * @return a new table with the column last
   */
  public ResultTable<R> column(String name, String format, Function<? super R, ?> value) {
    return with(new Column<>(name, format, value, false));
  }

  /**
   * Adds a column whose values are always quoted (free text such as a system's label).
   *
   * @param name the header
   * @param value the value of a row
   * @return a new table with the column last
   */
  public ResultTable<R> quotedColumn(String name, Function<? super R, ?> value) {
    return with(new Column<>(name, "%s", value, true));
  }

  private ResultTable<R> with(Column<R> c) {
    if (header().contains(c.name())) {
      throw new IllegalArgumentException("column '" + c.name() + "' is declared twice");
    }
    List<Column<R>> all = new ArrayList<>(columns);
    all.add(c);
    return new ResultTable<>(all);
  }

  /**
   * The column names, in order.
   *
   * @return the header
   */
  public List<String> header() {
    return columns.stream().map(Column::name).toList();
  }

  /**
   * The formatted values of one row, in column order, before CSV escaping.
   *
   * @param row the row
   * @return the cells
   */
  public List<String> cells(R row) {
    return columns.stream()
        .map(c -> String.format(Locale.ROOT, c.format(), c.value().apply(row)))
        .toList();
  }

  /**
   * Writes the header and the rows.
   *
   * @param out where to write
   * @param rows the rows, in order
   * @throws IOException if the writer fails
   */
  public void write(Appendable out, Iterable<? extends R> rows) throws IOException {
    line(out, header(), true);
    for (R r : rows) {
      line(out, cells(r), false);
    }
  }

  /**
   * Writes the header and the rows to a UTF-8 file.
   *
   * @param file the file, replaced if it exists
   * @param rows the rows, in order
   * @throws UncheckedIOException naming the file if it cannot be written
   */
  public void write(Path file, Iterable<? extends R> rows) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(w, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private void line(Appendable out, List<String> cells, boolean header) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      CSVFormat f = !header && columns.get(i).quoted() ? ALL : MINIMAL;
      f.print(cells.get(i), out, i == 0);
    }
    out.append('\n');
  }
}
