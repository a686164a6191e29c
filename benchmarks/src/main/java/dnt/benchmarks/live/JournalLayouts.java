package dnt.benchmarks.live;

import dnt.live.JournalSettings;
import dnt.live.runtime.JournalSchema;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The two layouts of the embedded H2 journal, for A/B measurements (docs/PERFORMANCE.md, "Fewer
 * B-trees per journaled event"): {@code new} ({@code dnt/live/h2-journal-schema.sql}, what a twin
 * creates) and {@code legacy} ({@code dnt/live/h2-journal-schema-legacy.sql}, journals created
 * before 5 December 2026). A twin keeps the tables it finds, so creating the legacy tables in a
 * fresh state folder before the twin starts makes it run on the earlier layout.
 */
final class JournalLayouts {
  /** The system property that selects the layout of a benchmark's fresh journal. */
  static final String PROPERTY = "dnt.benchmarks.journalSchema";

  private JournalLayouts() {}

  /**
   * The DDL resource of a layout.
   *
   * @param layout {@code new} or {@code legacy}
   * @return the resource's name
   * @throws IllegalArgumentException for another name
   */
  static String resource(String layout) {
    return switch (layout) {
      case "new" -> "dnt/live/h2-journal-schema.sql";
      case "legacy" -> "dnt/live/h2-journal-schema-legacy.sql";
      default ->
          throw new IllegalArgumentException(
              "the journal layout must be new or legacy, got '" + layout + "'");
    };
  }

  /**
   * Creates the legacy tables in a fresh state folder's embedded journal when {@value #PROPERTY} is
   * {@code legacy}; does nothing for {@code new} (the default: the twin creates its tables).
   *
   * @param state the twin's state folder
   * @return the layout the twin will run on
   * @throws SQLException if the tables cannot be created
   */
  static String prepare(Path state) throws SQLException {
    String layout = System.getProperty(PROPERTY, "new").toLowerCase(Locale.ROOT);
    String resource = resource(layout);
    if (layout.equals("legacy")) {
      create(JournalSettings.embedded(state).url(), resource);
    }
    return layout;
  }

  /**
   * Runs a layout's DDL on a database.
   *
   * @param url the database, user {@code sa} without password
   * @param resource the DDL resource
   * @throws SQLException if a statement fails
   */
  static void create(String url, String resource) throws SQLException {
    JournalSchema.run(url, "sa", "", resource);
  }
}
