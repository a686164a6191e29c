package dnt.cli.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sizes that cannot fit are refused before any work, naming the option and the limit; names are
 * case-insensitive in every cache command.
 */
final class CacheLimitsTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path trace() throws IOException {
    return Files.writeString(dir.resolve("t.csv"), "time,client,item\n0,0,1\n1,1,2\n2,0,1\n");
  }

  private static void assertRefused(CliRun r, String option) {
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(option).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aCapacityBeyondWhatThePoliciesCanIndexIsRefused() throws IOException {
    // used to overflow the index's size (2C) or run out of memory after a long time
    CliRun r = run("cache", "simulate", "--trace", trace().toString(), "--capacity", "1000000000");
    assertRefused(r, "--capacity 1000000000");
    assertThat(r.err()).contains("268435456");
  }

  @Test
  void cachesThatDoNotFitInTheHeapAreRefusedWithTheLargestCapacityThatFits() throws IOException {
    // 2^27 slots cost at least 68 bytes each in every policy (the item and its index entries);
    // enough stations that their caches need more than the whole heap of this test's JVM
    long perStation = (1L << 27) * 68;
    int stations = (int) (Runtime.getRuntime().maxMemory() / perStation) + 2;
    StringBuilder assoc = new StringBuilder("client,station\n");
    for (int s = 0; s < stations; s++) {
      assoc.append(s).append(',').append(s).append('\n');
    }
    Path a = Files.writeString(dir.resolve("a.csv"), assoc);
    long start = System.nanoTime();
    CliRun r =
        run(
            "cache",
            "simulate",
            "--trace",
            trace().toString(),
            "--capacity",
            String.valueOf(1 << 27),
            "--association",
            a.toString(),
            "--policy",
            "fifo");
    assertRefused(r, "--capacity 134217728 cannot fit in memory");
    assertThat(r.err()).contains(stations + " caches").contains("use --capacity");
    // refused up front: nothing allocated, no trace read (seconds would mean it tried)
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
  }

  @Test
  void aCatalogueThatDoesNotFitIsRefusedByGenerate() {
    // 2e9 items over 5 stations: 64 GB of popularity tables, far beyond any test JVM's heap
    Path out = dir.resolve("t.csv");
    CliRun r = run("cache", "generate", "--catalogue", "2000000000", "--out", out.toString());
    assertRefused(r, "--catalogue 2000000000");
    assertThat(r.err()).contains("cannot fit in memory");
    assertThat(out).doesNotExist();
  }

  @Test
  void moreClientsOrRequestsThanATraceCanHoldAreRefusedByGenerate() {
    Path out = dir.resolve("t.csv");
    CliRun clients =
        run(
            "cache",
            "generate",
            "--stations",
            "100000",
            "--clients-per-station",
            "100000",
            "--out",
            out.toString());
    assertRefused(clients, "--clients-per-station 100000");
    CliRun requests = run("cache", "generate", "--slots", "2000000000", "--out", out.toString());
    assertRefused(requests, "--slots 2000000000");
    assertThat(requests.err()).contains("more than the");
    assertThat(out).doesNotExist();
  }

  @Test
  void policyAndModelNamesAreCaseInsensitiveAndUnknownOnesListTheKnown() throws IOException {
    Path t = trace();
    CliRun lower = run("cache", "simulate", "--trace", t.toString(), "--capacity", "1");
    CliRun upper =
        run("cache", "simulate", "--trace", t.toString(), "--capacity", "1", "--policy", "LRU");
    assertThat(upper.status()).isZero();
    assertThat(upper.out()).isEqualTo(lower.out());
    CliRun alias =
        run(
            "cache",
            "simulate",
            "--trace",
            t.toString(),
            "--capacity",
            "1",
            "--policy",
            "W-TinyLFU");
    assertThat(alias.status()).isZero();
    assertThat(alias.out()).contains("policy=wtinylfu");
    CliRun unknown =
        run("cache", "simulate", "--trace", t.toString(), "--capacity", "1", "--policy", "MRU");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("'MRU'").contains("lru, lfu, fifo");

    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    String[] common = {"--slots", "20", "--catalogue", "100", "--seed", "4"};
    CliRun shot = run(generate(a, "shot_noise", common));
    CliRun shotUpper = run(generate(b, "SHOT_NOISE", common));
    assertThat(shot.status()).isZero();
    assertThat(shotUpper.status()).isZero();
    assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
    CliRun bad = run(generate(dir.resolve("c.csv"), "poisson", common));
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("--model").contains("'poisson'").contains("zipf, shot-noise");
  }

  @Test
  void aFailedGenerateLeavesNoFileBehind() throws IOException {
    // the trace used to be written before the association failed, leaving half the output
    Path out = dir.resolve("t.csv");
    Path assocDir = Files.createDirectory(dir.resolve("assoc"));
    CliRun r =
        run(
            "cache",
            "generate",
            "--slots",
            "10",
            "--out",
            out.toString(),
            "--association-out",
            assocDir.toString());
    assertRefused(r, "--association-out " + assocDir);
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(assocDir);
    }
    assertThat(assocDir).isEmptyDirectory();
  }

  @Test
  void aStatisticsFileThatIsADirectoryIsRefusedBeforeTheReplay() throws IOException {
    Path t = trace();
    Path stats = Files.createDirectory(dir.resolve("stats"));
    CliRun r =
        run(
            "cache",
            "simulate",
            "--trace",
            t.toString(),
            "--capacity",
            "1",
            "--out",
            stats.toString());
    assertRefused(r, "--out " + stats);
    assertThat(r.out()).doesNotContain("hit_rate");
    assertThat(stats).isEmptyDirectory();
  }

  private static String[] generate(Path out, String model, String... more) {
    String[] head = {"cache", "generate", "--out", out.toString(), "--model", model};
    String[] all = new String[head.length + more.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(more, 0, all, head.length, more.length);
    return all;
  }
}
