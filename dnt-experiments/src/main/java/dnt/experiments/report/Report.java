package dnt.experiments.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one writer of every study's {@code report.md}: a title, sections, paragraphs, markdown tables
 * (from a {@link ResultTable} or from rows of cells) and claims, each with the verdict that the 95%
 * interval of its paired difference gives ({@link Verdict}; with one replication no interval is
 * printed, only the direction).
 */
public final class Report {
  private final StringBuilder md = new StringBuilder();

  private Report(String title) {
    md.append("# ").append(title).append("\n\n");
  }

  /**
   * Starts a report.
   *
   * @param title its title, the first line
   * @return the report
   */
  public static Report titled(String title) {
    return new Report(title);
  }

  /**
   * Starts a section.
   *
   * @param heading its heading
   * @return this report
   */
  public Report section(String heading) {
    md.append("## ").append(heading).append("\n\n");
    return this;
  }

  /**
   * A paragraph: the text and a blank line.
   *
   * @param text the text (markdown)
   * @return this report
   */
  public Report paragraph(String text) {
    md.append(text).append("\n\n");
    return this;
  }

  /**
   * One line of text, without a blank line after it (for lists and lines that follow each other).
   *
   * @param text the line (markdown)
   * @return this report
   */
  public Report line(String text) {
    md.append(text).append('\n');
    return this;
  }

  /**
   * Markdown written as it is (a section another part of the study composed).
   *
   * @param markdown the text
   * @return this report
   */
  public Report raw(String markdown) {
    md.append(markdown);
    return this;
  }

  /**
   * A markdown table and a blank line.
   *
   * @param header the column headings
   * @param rows the rows, each with as many cells as the header
   * @return this report
   */
  public Report table(List<String> header, List<? extends List<String>> rows) {
    md.append("| ").append(String.join(" | ", header)).append(" |\n|");
    md.append("---|".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException(
            "a row of " + row.size() + " cells under " + header.size() + " columns: " + row);
      }
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    md.append('\n');
    return this;
  }

  /**
   * A markdown table with the columns and cells of a CSV table (the same column list as the CSV).
   *
   * @param <R> the row type
   * @param table the table's columns
   * @param rows the rows
   * @return this report
   */
  public <R> Report table(ResultTable<R> table, Iterable<? extends R> rows) {
    List<List<String>> cells = new java.util.ArrayList<>();
    for (R r : rows) {
      cells.add(table.cells(r));
    }
    return table(table.header(), cells);
  }

  /**
   * A claim and its verdict as a list item, {@code - text: **verdict**}, the paired difference to
   * four decimals.
   *
   * @param text the claim
   * @param pairedDifference the paired difference a - b over the replications
   * @param direction the side of zero the claim puts it on
   * @return the verdict
   */
  public Verdict claim(String text, Stats.MeanCi pairedDifference, Verdict.Direction direction) {
    return claim(text, pairedDifference, direction, "%.4f", "");
  }

  /**
   * A claim and its verdict as a list item, {@code - text: **verdict**; detail}.
   *
   * @param text the claim
   * @param pairedDifference the paired difference a - b over the replications
   * @param direction the side of zero the claim puts it on
   * @param format the number format of the difference
   * @param detail what follows the verdict (e.g. the two means), or empty
   * @return the verdict
   */
  public Verdict claim(
      String text,
      Stats.MeanCi pairedDifference,
      Verdict.Direction direction,
      String format,
      String detail) {
    Verdict v = Verdict.of(pairedDifference, direction, format);
    claim(text, v, detail);
    return v;
  }

  /**
   * A claim with a verdict already reached (e.g. one combined from several parts with {@link
   * Verdict#all}), {@code - text: **verdict**; detail}.
   *
   * @param text the claim
   * @param verdict its verdict
   * @param detail what follows the verdict, or empty
   * @return this report
   */
  public Report claim(String text, Verdict verdict, String detail) {
    md.append("- ").append(text).append(": **").append(verdict.text()).append("**");
    if (!detail.isEmpty()) {
      md.append("; ").append(detail);
    }
    md.append('\n');
    return this;
  }

  /**
   * The markdown written so far.
   *
   * @return the text
   */
  public String markdown() {
    return md.toString();
  }

  /**
   * Writes the report.
   *
   * @param file the file, e.g. a run's {@code report.md}
   * @throws UncheckedIOException when writing fails
   */
  public void write(Path file) {
    try {
      Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public String toString() {
    return markdown();
  }
}
