package dnt.benchmarks.data;

import dnt.core.util.Progress;
import dnt.data.raw.RawFiles;
import dnt.data.store.IngestOptions;
import dnt.data.store.IngestSummary;
import dnt.data.store.TrafficStore;
import dnt.data.synth.SynthConfig;
import dnt.data.synth.SyntheticMilan;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingest throughput of {@code dnt data ingest} on one large synthetic raw file, as MB/s and as a
 * ratio to DuckDB's bare parse of the same file (the same JDBC jar and {@code read_csv} options,
 * summing every column, into no table), measured in the same run, alternating bare parse and ingest
 * so that both see the same load. The target (issue 10, part 2b) is at least 200 MB/s and an ingest
 * time within 1.5 times the bare parse. The ingest writes a store of per-(cell, slot) sums (layout
 * 3: the parallel parser inside one {@code INSERT}). A single-shot measurement, so not a JMH
 * benchmark; the load average is printed with each figure. Run it with a small heap to show that
 * ingest streams:
 *
 * {@snippet lang="shell" :
 * mvn -B -q -DskipTests package -pl benchmarks -am
 * java -Xmx512m -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   -Ddnt.repo.dir=. dnt.benchmarks.data.IngestThroughput /tmp/dnt-bench 7
 * }
 *
 * <p>Arguments: a work folder (the big file and the store are written there and deleted at the end)
 * and the number of synthetic days of all 10,000 cells to concatenate (7 days make about 1.2 GB).
 * Or {@code --inputs FILE_OR_FOLDER...}: ingest existing raw files (kept) into a store in the
 * system's temporary folder, e.g. one big file written by a first run, or a folder of daily files:
 *
 * {@snippet lang="shell" :
 * java -Xmx512m -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *   dnt.benchmarks.data.IngestThroughput --inputs /tmp/dnt-bench/synthetic-bench-raw.txt
 * }
 */
public final class IngestThroughput {
  private IngestThroughput() {}

  /**
   * Runs the benchmark.
   *
   * @param args work folder and number of days
   * @throws IOException if the work folder cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--inputs")) {
      List<Path> inputs = new ArrayList<>();
      for (int i = 1; i < args.length; i++) {
        inputs.add(Path.of(args[i]));
      }
      Path store = Files.createTempFile("dnt-ingest-bench", ".duckdb");
      Files.delete(store);
      try {
        measure(RawFiles.expand(inputs), store);
      } finally {
        Files.deleteIfExists(store);
        Files.deleteIfExists(Path.of(store + ".wal"));
      }
      return;
    }
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/dnt-bench");
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Files.createDirectories(work);
    Path big = work.resolve("synthetic-bench-raw.txt");
    Path store = work.resolve("bench.duckdb");
    Files.deleteIfExists(store);
    try {
      long t = System.nanoTime();
      List<Path> parts =
          SyntheticMilan.bundled()
              .write(SynthConfig.of(10_000, days, 42), work.resolve("days"), Progress.NONE);
      try (OutputStream out = Files.newOutputStream(big)) {
        for (Path p : parts) {
          Files.copy(p, out);
          Files.delete(p);
        }
      }
      System.out.printf(
          "file: %s, %.1f MB (synthetic, %d days x 10,000 cells), written in %.1f s%n",
          big, Files.size(big) / 1e6, days, (System.nanoTime() - t) / 1e9);
      measure(List.of(big), store);
    } finally {
      Files.deleteIfExists(big);
      Files.deleteIfExists(store);
      Files.deleteIfExists(work.resolve("bench.duckdb.wal"));
      Files.deleteIfExists(work.resolve("days"));
    }
  }

  private static void measure(List<Path> files, Path store) throws IOException {
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    System.out.printf("input: %d file(s), %.1f MB%n", files.size(), bytes / 1e6);
    double floor = 0;
    for (int i = 0; i < 3; i++) {
      floor = Math.max(floor, plainRead(files));
    }
    System.out.printf("read-only floor (buffered read, best of 3): %.0f MB/s%n", floor);
    int rounds = Integer.getInteger("dnt.bench.rounds", 3);
    for (int round = 1; round <= rounds; round++) {
      double bareCpu = cpuSeconds();
      double bare = bareParseSeconds(files);
      bareCpu = cpuSeconds() - bareCpu;
      double bareLoad = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      Files.deleteIfExists(store);
      Files.deleteIfExists(Path.of(store + ".wal"));
      double ingestCpu = cpuSeconds();
      long t0 = System.nanoTime();
      try (TrafficStore ts = TrafficStore.create(store)) {
        ts.ingest(files, IngestOptions.defaults());
      }
      double ingest = (System.nanoTime() - t0) / 1e9;
      ingestCpu = cpuSeconds() - ingestCpu;
      System.out.printf(
          "round %d: DuckDB bare parse %.2f s = %.0f MB/s (load %.1f); ingest %.2f s = %.0f MB/s"
              + " (load %.1f); ingest / bare parse = %.2f (target <= 1.5, and >= 200 MB/s);"
              + " process CPU: bare parse %.1f s, ingest %.1f s (ratio %.2f)%n",
          round,
          bare,
          bytes / 1e6 / bare,
          bareLoad,
          ingest,
          bytes / 1e6 / ingest,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          ingest / bare,
          bareCpu,
          ingestCpu,
          ingestCpu / bareCpu);
    }
    Files.deleteIfExists(store);
    Files.deleteIfExists(Path.of(store + ".wal"));

    long t = System.nanoTime();
    double cpu = cpuSeconds();
    IngestSummary s;
    try (TrafficStore ts = TrafficStore.create(store)) {
      s = ts.ingest(files, IngestOptions.defaults());
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    double cpuUsed = cpuSeconds() - cpu;
    double mbps = bytes / 1e6 / seconds;
    System.out.printf(
        "ingest: %d raw rows read, %d (cell, slot) rows stored, %d files by the parallel parser,"
            + " %.1f s, %.0f MB/s = %.3f of the read-only floor%n",
        s.rowsRead(), s.rowsStored(), s.filesFastPath(), seconds, mbps, mbps / floor);
    System.out.printf(
        "ingest CPU: %.1f s of process CPU (all threads, DuckDB's included) = %.0f MB per CPU"
            + " second; load average at the end %.1f on %d cores%n",
        cpuUsed,
        bytes / 1e6 / cpuUsed,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        "full dataset estimate (20.8 GB): %.1f min; peak Java heap used: %.0f MB of %.0f MB max%n",
        20_804.8 / mbps / 60, peakHeapMb(), Runtime.getRuntime().maxMemory() / 1e6);
  }

  /**
   * DuckDB alone: {@code read_csv} with the options of the bulk ingest, summing every column into
   * no table, on an in-memory database through the same JDBC driver.
   */
  private static double bareParseSeconds(List<Path> files) throws IOException {
    return duckDbSeconds(
        files,
        "jdbc:duckdb:",
        "SELECT sum(cell), sum(time), sum(cc), sum(smsin), sum(smsout), sum(callin),"
            + " sum(callout), sum(internet) FROM ");
  }

  private static double duckDbSeconds(List<Path> files, String url, String prefix)
      throws IOException {
    long t = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (Path f : files) {
        String compression = RawFiles.isGzip(f) ? "gzip" : "none";
        boolean rows =
            s.execute(
                prefix
                    + "read_csv('"
                    + f.toAbsolutePath().toString().replace("'", "''")
                    + "', delim = '\\t', header = false, auto_detect = false,"
                    + " null_padding = true, strict_mode = false, quote = '', escape = '',"
                    + " compression = '"
                    + compression
                    + "', columns = {'cell': 'INTEGER', 'time': 'BIGINT', 'cc': 'INTEGER',"
                    + " 'smsin': 'DOUBLE', 'smsout': 'DOUBLE', 'callin': 'DOUBLE',"
                    + " 'callout': 'DOUBLE', 'internet': 'DOUBLE'})");
        if (rows) {
          try (ResultSet r = s.getResultSet()) {
            r.next();
          }
        }
      }
      if (url.length() > "jdbc:duckdb:".length()) {
        s.execute("CHECKPOINT");
      }
    } catch (SQLException e) {
      throw new IOException("DuckDB cannot parse the input: " + e.getMessage(), e);
    }
    return (System.nanoTime() - t) / 1e9;
  }

  private static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  private static double plainRead(List<Path> files) throws IOException {
    byte[] buf = new byte[1 << 20];
    long n = 0;
    long t = System.nanoTime();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        int k;
        while ((k = in.read(buf)) > 0) {
          n += k;
        }
      }
    }
    return n / 1e6 / ((System.nanoTime() - t) / 1e9);
  }

  private static double peakHeapMb() {
    double peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / 1e6;
  }
}
