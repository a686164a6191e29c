package dnt.data.store;

import dnt.core.CellId;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/** SQL text and error helpers shared by the parts of the store. */
final class StoreSql {
  private StoreSql() {}

  /** The cell ids as a comma-separated SQL list. */
  static String inList(Collection<CellId> cells) {
    return cells.stream().map(c -> Integer.toString(c.value())).collect(Collectors.joining(","));
  }

  /** A SQL string literal. */
  static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** The first line of a DuckDB message (the rest is DuckDB's internal context). */
  static String firstLine(SQLException e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** A failure of the store itself (not of the user's input): what failed, and DuckDB's reason. */
  static IllegalStateException failure(String what, SQLException e) {
    return new IllegalStateException(what + ": " + firstLine(e).toLowerCase(Locale.ROOT), e);
  }
}
