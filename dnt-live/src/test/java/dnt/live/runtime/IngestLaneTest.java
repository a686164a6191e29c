package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dnt.data.integrity.IntegrityParams;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest log's own lane to the journal ({@link TwinRuntime#withIngestLane}): a second journal
 * and snapshot store over the same database and tables as the cell twins', with their own
 * connections, whatever the node's journal settings; and the default journal where a node's
 * configuration defines no lane (the tests' in-memory journal).
 */
final class IngestLaneTest {
  private static final String URL = "jdbc:h2:mem:lane-test";

  @AfterEach
  void clearProperties() {
    System.clearProperty("jdbc-journal.batchSize");
    System.clearProperty("dnt-ingest-journal.parallelism");
    ConfigFactory.invalidateCaches();
  }

  private static Config config() {
    RuntimeSettings s =
        new RuntimeSettings(
            URL,
            "sa",
            "secret",
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
    return TwinRuntime.config(s, NodeSettings.single("127.0.0.1", 0));
  }

  @Test
  void theLogsJournalIsTheCellsJournalOverItsOwnConnectionsToTheSameDatabase() {
    Config c = config();
    Config journal = c.getConfig(IngestLog.JOURNAL);
    Config cells = c.getConfig("jdbc-journal");
    assertThat(journal.getString("class")).isEqualTo(cells.getString("class"));
    assertThat(journal.getString("use-shared-db")).isEqualTo("dnt-ingest");
    assertThat(cells.getString("use-shared-db")).isEqualTo("dnt");
    // the same tables, batching and DAO as the cells' journal
    assertThat(journal.getConfig("tables").root().unwrapped())
        .isEqualTo(cells.getConfig("tables").root().unwrapped());
    assertThat(journal.getInt("batchSize")).isEqualTo(cells.getInt("batchSize"));
    assertThat(journal.getString("dao")).isEqualTo(cells.getString("dao"));
    Config snapshots = c.getConfig(IngestLog.SNAPSHOTS);
    assertThat(snapshots.getString("class"))
        .isEqualTo(c.getConfig("jdbc-snapshot-store").getString("class"));
    assertThat(snapshots.getString("use-shared-db")).isEqualTo("dnt-ingest");

    Config lane = c.getConfig("pekko-persistence-jdbc.shared-databases.dnt-ingest");
    Config dnt = c.getConfig("pekko-persistence-jdbc.shared-databases.dnt");
    for (String key : new String[] {"profile", "db.url", "db.user", "db.password", "db.driver"}) {
      assertThat(lane.getString(key)).as(key).isEqualTo(dnt.getString(key));
    }
    assertThat(lane.getString("db.url")).isEqualTo(URL);
    assertThat(lane.getInt("db.maxConnections")).isEqualTo(2);
    assertThat(lane.getInt("db.numThreads")).isEqualTo(2);
    assertThat(dnt.getInt("db.maxConnections")).isEqualTo(4);
  }

  @Test
  void systemPropertiesOfTheCellsJournalReachTheLaneAndTheLanesOwnWin() {
    System.setProperty("jdbc-journal.batchSize", "123");
    System.setProperty("dnt-ingest-journal.parallelism", "1");
    ConfigFactory.invalidateCaches();
    Config c = config();
    assertThat(c.getInt("jdbc-journal.batchSize")).isEqualTo(123);
    assertThat(c.getInt(IngestLog.JOURNAL + ".batchSize")).isEqualTo(123);
    assertThat(c.getInt(IngestLog.JOURNAL + ".parallelism")).isEqualTo(1);
    assertThat(c.getInt("jdbc-journal.parallelism")).isEqualTo(2);
  }

  @Test
  void aPartitionTakesTheLaneWhereTheNodeDefinesItAndTheDefaultJournalElsewhere() {
    Config c = config();
    assertThat(IngestLog.pluginOrDefault(c, IngestLog.JOURNAL)).isEqualTo(IngestLog.JOURNAL);
    assertThat(IngestLog.pluginOrDefault(c, IngestLog.SNAPSHOTS)).isEqualTo(IngestLog.SNAPSHOTS);
    // what the actor tests' kits run on (InMemoryPersistence): dnt-live.conf, no lane
    Config tests =
        ConfigFactory.parseResources("dnt-live.conf").withFallback(ConfigFactory.load()).resolve();
    assertThat(IngestLog.pluginOrDefault(tests, IngestLog.JOURNAL)).isEmpty();
    assertThat(IngestLog.pluginOrDefault(tests, IngestLog.SNAPSHOTS)).isEmpty();
  }
}
