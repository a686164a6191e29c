package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dnt.data.integrity.IntegrityParams;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableConfiguration;
import org.apache.pekko.persistence.jdbc.config.EventTagTableConfiguration;
import org.apache.pekko.persistence.jdbc.journal.dao.JournalTables.JournalPekkoSerializationRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * {@link JournalBatchWriter} against the live twin's H2 journal schema: a round's events get
 * increasing orderings in their order and each its own tags, and a round that fails writes nothing.
 */
final class JournalBatchWriterTest {
  private static int databases;

  private Connection c;
  private JournalBatchWriter writer;

  @BeforeEach
  void open() throws SQLException {
    String url = "jdbc:h2:mem:batchwriter" + databases++ + ";DB_CLOSE_DELAY=-1";
    JournalSchema.ensure(url, "sa", "", "org.h2.Driver", "dnt/live/h2-journal-schema.sql");
    c = DriverManager.getConnection(url, "sa", "");
    // the plugin's reference settings: the table and column names the schema was made for
    Config journal = ConfigFactory.defaultReference().getConfig("jdbc-journal");
    writer =
        new JournalBatchWriter(
            new EventJournalTableConfiguration(journal), new EventTagTableConfiguration(journal));
  }

  @AfterEach
  void close() throws SQLException {
    c.close();
  }

  private static JournalPekkoSerializationRow event(String id, long seq) {
    byte[] payload = (id + "#" + seq).getBytes(StandardCharsets.UTF_8);
    return new JournalPekkoSerializationRow(
        Long.MIN_VALUE,
        false,
        id,
        seq,
        "writer",
        1_000L + seq,
        "",
        payload,
        42,
        "m",
        Option.empty(),
        Option.empty(),
        Option.empty());
  }

  @Test
  void theLiveTwinsJournalWritesThroughTheBatchedDao() {
    RuntimeSettings s =
        new RuntimeSettings(
            "jdbc:h2:mem:x",
            "sa",
            "",
            "slick.jdbc.H2Profile$",
            "org.h2.Driver",
            "dnt/live/h2-journal-schema.sql",
            100,
            "127.0.0.1",
            0,
            Duration.ofSeconds(30),
            IntegrityParams.defaults(),
            -1,
            1,
            1,
            Path.of("read-side"),
            null,
            0);
    Config live = TwinRuntime.config(s, NodeSettings.single("127.0.0.1", 0));
    assertThat(live.getString("jdbc-journal.dao")).isEqualTo(BatchedJournalDao.class.getName());
  }

  @Test
  void aRoundsEventsGetIncreasingOrderingsInTheirOrderAndEachItsOwnTags() throws SQLException {
    List<JournalPekkoSerializationRow> events = new ArrayList<>();
    List<Set<String>> tags = new ArrayList<>();
    // a time-ordered HTTP batch: one event for each of 300 cell twins, all tagged; then an
    // untagged event and one with two tags
    for (int cell = 1; cell <= 300; cell++) {
      events.add(event("cell|" + cell, 7));
      tags.add(Set.of("cell"));
    }
    events.add(event("stats", 3));
    tags.add(Set.of());
    events.add(event("other", 1));
    tags.add(Set.of("a", "b"));

    long[] first = writer.write(c, events, tags);
    long[] second = writer.write(c, List.of(event("cell|1", 8)), List.of(Set.of("cell")));

    // a fresh identity column: 1, 2, ... in the round's order, the next round after it
    assertThat(first).hasSize(events.size());
    for (int i = 0; i < first.length; i++) {
      assertThat(first[i]).isEqualTo(i + 1L);
    }
    assertThat(second).containsExactly(events.size() + 1L);
    // the rows: each ordering holds its own event, every column as given
    List<String> stored = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT \"ordering\", \"persistence_id\", \"sequence_number\", \"event_payload\","
                    + " \"event_ser_id\", \"write_timestamp\", \"meta_payload\""
                    + " FROM \"event_journal\" ORDER BY \"ordering\"")) {
      while (rs.next()) {
        String id = rs.getString(2);
        long seq = rs.getLong(3);
        assertThat(new String(rs.getBytes(4), StandardCharsets.UTF_8)).isEqualTo(id + "#" + seq);
        assertThat(rs.getInt(5)).isEqualTo(42);
        assertThat(rs.getLong(6)).isEqualTo(1_000L + seq);
        assertThat(rs.getBytes(7)).isNull();
        stored.add(rs.getLong(1) + " " + id + " " + seq);
      }
    }
    List<String> want = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      want.add(
          (i + 1) + " " + events.get(i).persistenceId() + " " + events.get(i).sequenceNumber());
    }
    want.add((events.size() + 1) + " cell|1 8");
    assertThat(stored).isEqualTo(want);
    // the tags: exactly those given, on their own event's ordering
    Set<String> wantTags = new HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      for (String tag : tags.get(i)) {
        wantTags.add((i + 1) + " " + tag);
      }
    }
    wantTags.add((events.size() + 1) + " cell");
    assertThat(tagRows()).isEqualTo(wantTags);
    assertThat(c.getAutoCommit()).isTrue();
  }

  private Set<String> tagRows() throws SQLException {
    Set<String> got = new HashSet<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT \"event_id\", \"tag\" FROM \"event_tag\"")) {
      while (rs.next()) {
        got.add(rs.getLong(1) + " " + rs.getString(2));
      }
    }
    return got;
  }

  private List<String> journalRows() throws SQLException {
    List<String> got = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT \"persistence_id\", \"sequence_number\" FROM \"event_journal\""
                    + " ORDER BY \"ordering\"")) {
      while (rs.next()) {
        got.add(rs.getString(1) + " " + rs.getLong(2));
      }
    }
    return got;
  }

  @Test
  void anEventsMetadataIsWrittenWhenItHasSome() throws SQLException {
    JournalPekkoSerializationRow plain = event("a", 1);
    JournalPekkoSerializationRow withMeta =
        new JournalPekkoSerializationRow(
            Long.MIN_VALUE,
            false,
            "b",
            1,
            "writer",
            5L,
            "",
            new byte[] {1, 2},
            42,
            "m",
            Option.apply(new byte[] {9, 8, 7}),
            Option.apply((Object) 17),
            Option.apply("meta"));
    writer.write(c, List.of(plain, withMeta), List.of(Set.of(), Set.of()));
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT \"meta_payload\", \"meta_ser_id\", \"meta_ser_manifest\""
                    + " FROM \"event_journal\" ORDER BY \"ordering\"")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBytes(1)).isNull();
      assertThat(rs.getObject(2)).isNull();
      assertThat(rs.getString(3)).isNull();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBytes(1)).containsExactly(9, 8, 7);
      assertThat(rs.getInt(2)).isEqualTo(17);
      assertThat(rs.getString(3)).isEqualTo("meta");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void aRoundThatFailsWritesNoneOfItsEventsOrTags() throws SQLException {
    writer.write(c, List.of(event("cell|1", 1)), List.of(Set.of("cell")));
    // the second event repeats the first round's key: the round fails at the batch of events
    assertThatThrownBy(
            () ->
                writer.write(
                    c,
                    List.of(event("cell|2", 1), event("cell|1", 1), event("cell|3", 1)),
                    List.of(Set.of("cell"), Set.of("cell"), Set.of("cell"))))
        .isInstanceOf(SQLException.class);
    assertThat(journalRows()).containsExactly("cell|1 1");
    assertThat(tagRows()).containsExactly("1 cell");
    assertThat(c.getAutoCommit()).isTrue();
    // and the connection writes the next round
    writer.write(c, List.of(event("cell|2", 1)), List.of(Set.of("cell")));
    assertThat(journalRows()).containsExactly("cell|1 1", "cell|2 1");
  }

  @Test
  void aRoundWhoseTagsFailWritesNoneOfItsEvents() throws SQLException {
    // a tag row that repeats (event, tag) violates the tag table's key after the events went in
    List<Set<String>> tags = new ArrayList<>();
    tags.add(Set.of("cell"));
    tags.add(Set.of("cell"));
    try (Statement st = c.createStatement()) {
      // the round's events will get orderings 1 and 2; a tag row for 2 is already there
      st.execute("ALTER TABLE \"event_tag\" DROP CONSTRAINT \"FK_EVENT_JOURNAL\"");
      st.execute("INSERT INTO \"event_tag\" VALUES (2, 'cell')");
    }
    assertThatThrownBy(() -> writer.write(c, List.of(event("a", 1), event("b", 1)), tags))
        .isInstanceOf(SQLException.class);
    assertThat(journalRows()).isEmpty();
    assertThat(tagRows()).containsExactly("2 cell");
  }

  @Test
  void aDriverThatReturnsFewerKeysThanEventsFailsTheRoundInsteadOfMistagging() throws SQLException {
    // older H2 returned the key of a batch's last row only
    Connection lastKeyOnly = lastKeyOnly(c);
    assertThatThrownBy(
            () ->
                writer.write(
                    lastKeyOnly,
                    List.of(event("a", 1), event("b", 1), event("c", 1)),
                    List.of(Set.of("cell"), Set.of("cell"), Set.of("cell"))))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("1 generated orderings for a batch of 3 events");
    assertThat(journalRows()).isEmpty();
    assertThat(tagRows()).isEmpty();
  }

  /** The connection, with the generated keys of a batch cut to its last. */
  private static Connection lastKeyOnly(Connection real) {
    return (Connection)
        Proxy.newProxyInstance(
            JournalBatchWriterTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              Object result = invoke(method, real, args);
              if (result instanceof PreparedStatement ps
                  && method.getName().equals("prepareStatement")) {
                return lastKeyOnly(ps);
              }
              return result;
            });
  }

  private static PreparedStatement lastKeyOnly(PreparedStatement real) {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            JournalBatchWriterTest.class.getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getGeneratedKeys")) {
                ResultSet keys = real.getGeneratedKeys();
                long last = -1;
                while (keys.next()) {
                  last = keys.getLong(1);
                }
                keys.close();
                return real.getConnection()
                    .createStatement()
                    .executeQuery("SELECT CAST(" + last + " AS BIGINT)");
              }
              return invoke(method, real, args);
            });
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
