package dnt.benchmarks.data;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.store.Selection;
import dnt.data.store.TrafficStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Latency of exporting one cell's full 62-day series (8,928 rows) from a 10,000-cell store, as
 * {@code dnt data export --cells N} does, on an open store. The store is built once per trial with
 * the ingest layout (62 daily inserts of 1.44 M rows, each sorted by cell then time; random values)
 * and reused from {@code -Ddnt.bench.store=PATH} if that file exists.
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -Ddnt.bench.store=/tmp/dnt-export-bench.duckdb \
 *   -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   org.openjdk.jmh.Main ExportBenchmark -f 1 -wi 2 -i 3
 * }
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExportBenchmark {
  private static final long T0 = 1_383_260_400_000L;
  private static final int DAYS = 62;

  private TrafficStore store;
  private Path out;
  private int next;

  /**
   * Builds (or reuses) the store and opens it.
   *
   * @throws Exception if the store cannot be built
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path path = Path.of(System.getProperty("dnt.bench.store", "/tmp/dnt-export-bench.duckdb"));
    if (Files.exists(path) && !isCurrentStore(path)) {
      Files.delete(path); // a store of an earlier layout: built again
    }
    if (!Files.exists(path)) {
      build(path);
    }
    store = TrafficStore.open(path);
    out = Files.createTempFile("dnt-export", ".csv");
  }

  private static boolean isCurrentStore(Path path) {
    try (TrafficStore s = TrafficStore.open(path)) {
      return s.path().equals(path);
    } catch (InvalidInputException e) {
      return false;
    }
  }

  private static void build(Path path) throws SQLException {
    TrafficStore.create(path).close();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath());
        Statement s = c.createStatement()) {
      for (int d = 0; d < DAYS; d++) {
        // One row per (cell, slot), in the cell-major order of the original files.
        s.executeUpdate(
            "INSERT INTO traffic SELECT c.range::INTEGER, "
                + (T0 + d * 86_400_000L)
                + " + t.range * 600000, random(), random(), random(), random(), 100 * random()"
                + " FROM range(1, 10001) c, range(0, 144) t ORDER BY 1, 2");
        s.executeUpdate(
            "INSERT INTO slots SELECT 1, "
                + (T0 + d * 86_400_000L)
                + " + range * 600000 FROM range(0, 144)");
      }
      s.execute(
          "INSERT INTO files VALUES (1, 'synthetic-export-bench', '', 0, 0, NULL, 0, 0, 0, 0, true,"
              + " current_timestamp)");
    }
  }

  /**
   * Exports one cell (a different one each call).
   *
   * @return rows written
   */
  @Benchmark
  public long exportOneCell() {
    next = (next * 7919 + 4_999) % CellId.MAX;
    return store.export(Selection.all().withCells(List.of(CellId.of(next + 1))), out, true).rows();
  }

  /**
   * Closes the store.
   *
   * @throws IOException if the temp file cannot be deleted
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    Files.deleteIfExists(out);
  }
}
