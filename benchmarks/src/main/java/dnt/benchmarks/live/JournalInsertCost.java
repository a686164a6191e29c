package dnt.benchmarks.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;

/**
 * The embedded journal's write cost alone, without the twin: plain JDBC on an H2 file database with
 * the twin's settings ({@code WRITE_DELAY=0}, each commit written at once), in one JVM, the layouts
 * alternated (A, B, A, B, ...) so that both see the same machine (docs/PERFORMANCE.md, "Fewer
 * B-trees per journaled event").
 *
 * <p>{@code events}: the journal's writes as {@code pekko-persistence-jdbc} 1.1.1 makes them on H2
 * for tagged events: one {@code INSERT} per event returning its generated {@code ordering} (Slick's
 * insert-returning-key), then the transaction's tag rows as one JDBC batch, then the commit. A
 * transaction holds {@code perCommit} events of as many different entities (a time-ordered HTTP
 * batch of 1,000 rows is about 290 cell twins' events), each the entity's next sequence number,
 * with a payload of 300 random bytes (an event of a few rows). Prints microseconds per event.
 *
 * <p>{@code snapshots}: snapshots of {@code bytes} random bytes, one a transaction as the plugin
 * writes them, each followed by the delete of the entity's snapshots older than its last two (the
 * twin's retention), into the snapshot table with the payload as {@code BLOB} (H2's LOB store for
 * values over 256 bytes) or as {@code BINARY VARYING} (in the row). Prints microseconds per
 * snapshot.
 *
 * {@snippet lang="shell" :
 * java -Xmx2g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.JournalInsertCost /tmp/dnt-journal-cost events 200000 290 2000 4
 * java -Xmx2g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.live.JournalInsertCost /tmp/dnt-journal-cost snapshots 20000 2000 200 4
 * }
 *
 * <p>Arguments: a folder (must not exist; deleted at the end), the mode, then for {@code events}
 * the number of events, events per commit, entities and rounds; for {@code snapshots} the payload
 * bytes, snapshots, entities and rounds. A round measures each variant once, in alternating order.
 */
public final class JournalInsertCost {
  private JournalInsertCost() {}

  /**
   * Runs the measurement.
   *
   * @param args folder, mode and the mode's numbers
   * @throws Exception if the database cannot be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 6 || !(args[1].equals("events") || args[1].equals("snapshots"))) {
      throw new IllegalArgumentException(
          "arguments: FOLDER events EVENTS PER_COMMIT ENTITIES ROUNDS, or FOLDER snapshots BYTES"
              + " SNAPSHOTS ENTITIES ROUNDS");
    }
    Path folder = Path.of(args[0]);
    if (Files.exists(folder)) {
      throw new IllegalArgumentException("the folder " + folder + " exists; give a new one");
    }
    Files.createDirectories(folder);
    boolean events = args[1].equals("events");
    int a = Integer.parseInt(args[2]);
    int b = Integer.parseInt(args[3]);
    int entities = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    String[] variants =
        events ? new String[] {"legacy", "new"} : new String[] {"BLOB", "BINARY VARYING"};
    try {
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < variants.length; k++) {
          // alternate which variant goes first, so neither always runs on a warmer JVM
          String variant = variants[(k + round) % variants.length];
          String url =
              "jdbc:h2:file:"
                  + folder.toAbsolutePath().resolve(round + "-" + variant.replace(' ', '-'))
                  + ";WRITE_DELAY=0";
          double micros =
              events
                  ? events(url, variant, a, b, entities, round)
                  : snapshots(url, variant, a, b, entities, round);
          System.out.printf(
              Locale.ROOT,
              "round %d %-14s %9.1f us per %s   load average %s%n",
              round,
              variant,
              micros,
              events ? "event" : "snapshot",
              loadAverage());
        }
      }
    } finally {
      try (Stream<Path> walk = Files.walk(folder)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static double events(
      String url, String layout, int n, int perCommit, int entities, long seed)
      throws SQLException {
    JournalLayouts.create(url, JournalLayouts.resource(layout));
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    byte[] payload = new byte[300];
    long[] seq = new long[entities];
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      try (PreparedStatement event =
              c.prepareStatement(
                  "insert into \"event_journal\" (\"deleted\", \"persistence_id\","
                      + " \"sequence_number\", \"writer\", \"write_timestamp\","
                      + " \"adapter_manifest\", \"event_payload\", \"event_ser_id\","
                      + " \"event_ser_manifest\", \"meta_payload\", \"meta_ser_id\","
                      + " \"meta_ser_manifest\") values (false, ?, ?, 'writer', ?, '', ?, 1000,"
                      + " 'observed-3', null, null, null)",
                  new String[] {"ordering"});
          PreparedStatement tag = c.prepareStatement("insert into \"event_tag\" values (?, ?)")) {
        int entity = 0;
        for (int i = 0; i < n; ) {
          for (int j = 0; j < perCommit && i < n; j++, i++) {
            rng.nextBytes(payload);
            event.setString(1, "cell|" + entity);
            event.setLong(2, ++seq[entity]);
            event.setLong(3, i);
            event.setBytes(4, payload);
            event.executeUpdate();
            try (ResultSet keys = event.getGeneratedKeys()) {
              keys.next();
              tag.setLong(1, keys.getLong(1));
            }
            tag.setString(2, "cell");
            tag.addBatch();
            entity = (entity + 1) % entities;
          }
          tag.executeBatch();
          c.commit();
        }
      }
      return (System.nanoTime() - t0) / 1e3 / n;
    }
  }

  private static double snapshots(
      String url, String type, int bytes, int n, int entities, long seed) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE \"snapshot\" (\"persistence_id\" VARCHAR(255) NOT NULL,"
              + " \"sequence_number\" BIGINT NOT NULL, \"created\" BIGINT NOT NULL,"
              + " \"snapshot_ser_id\" INTEGER NOT NULL, \"snapshot_ser_manifest\" VARCHAR NOT NULL,"
              + " \"snapshot_payload\" "
              + type
              + " NOT NULL, PRIMARY KEY(\"persistence_id\", \"sequence_number\"))");
    }
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    byte[] payload = new byte[bytes];
    long[] seq = new long[entities];
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      try (PreparedStatement insert =
              c.prepareStatement(
                  "insert into \"snapshot\" values (?, ?, 0, 1000, 'cell-snapshot', ?)");
          PreparedStatement delete =
              c.prepareStatement(
                  "delete from \"snapshot\" where \"persistence_id\" = ? and \"sequence_number\""
                      + " <= ?")) {
        for (int i = 0; i < n; i++) {
          int entity = i % entities;
          rng.nextBytes(payload);
          seq[entity] += 100;
          insert.setString(1, "cell|" + entity);
          insert.setLong(2, seq[entity]);
          insert.setBytes(3, payload);
          insert.executeUpdate();
          c.commit();
          delete.setString(1, "cell|" + entity);
          delete.setLong(2, seq[entity] - 200);
          delete.executeUpdate();
          c.commit();
        }
      }
      return (System.nanoTime() - t0) / 1e3 / n;
    }
  }

  private static String loadAverage() {
    try {
      return Arrays.toString(
          Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).strip().split(" "), 3));
    } catch (IOException e) {
      return "unknown";
    }
  }
}
