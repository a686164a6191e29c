package dnt.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A schema of its own for one test in the PostgreSQL database that {@code .ci/postgres.sh} sets up
 * and names in {@code DNT_TEST_PG_URL}, {@code DNT_TEST_PG_USER} and {@code
 * DNT_TEST_PG_PASSWORD_FILE}; a test without them is skipped, saying so. Closing drops the schema.
 */
public final class TestPostgres implements AutoCloseable {
  private final String url;
  private final String user;
  private final String password;
  private final Path passwordFile;
  private final String schema;

  private TestPostgres(String url, String user, Path passwordFile, String password, String schema) {
    this.url = url;
    this.user = user;
    this.passwordFile = passwordFile;
    this.password = password;
    this.schema = schema;
  }

  /**
   * Creates a fresh schema, or skips the test when no PostgreSQL is configured.
   *
   * @return the schema's handle
   * @throws SQLException if the configured database refuses the schema
   * @throws IOException if the password file cannot be read
   */
  public static TestPostgres schemaOrSkip() throws SQLException, IOException {
    String url = System.getenv("DNT_TEST_PG_URL");
    String user = System.getenv("DNT_TEST_PG_USER");
    String file = System.getenv("DNT_TEST_PG_PASSWORD_FILE");
    assumeTrue(
        url != null && user != null && file != null,
        "no PostgreSQL for this test: DNT_TEST_PG_URL, DNT_TEST_PG_USER and"
            + " DNT_TEST_PG_PASSWORD_FILE are unset (.ci/postgres.sh sets them)");
    Path pw = Path.of(file);
    String password = Files.readAllLines(pw, StandardCharsets.UTF_8).get(0).strip();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    return new TestPostgres(url, user, pw, password, schema);
  }

  /**
   * The journal in this schema.
   *
   * @return the settings
   */
  public JournalSettings journal() {
    return new JournalSettings(
        url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, passwordFile);
  }

  /**
   * How many rows a table of this schema holds.
   *
   * @param table the table
   * @return the count
   * @throws SQLException if the table is missing
   */
  public long count(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM " + schema + "." + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }
}
