package dnt.cli.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The exact contract of {@code dnt cache simulate}: output, statistics file and bad input. */
final class SimulateCommandTest {
  @TempDir Path dir;

  private record Result(int status, String out, String err) {
    String lastLine() {
      List<String> lines = out.lines().toList();
      return lines.get(lines.size() - 1);
    }
  }

  private static Result run(String... args) {
    CommandLine cl = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Result(cl.execute(args), out.toString(), err.toString());
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void aSingleCacheReplayPrintsTheHitRateLast() throws IOException {
    // LRU, 2 slots: 1,2,1,3,2,3,1 -> hits at requests 3 and 6.
    Path t = file("t.csv", "time,client,item\n0,0,1\n1,1,2\n2,0,1\n3,1,3\n4,0,2\n5,0,3\n6,1,1\n");
    Result r =
        run("cache", "simulate", "--trace", t.toString(), "--capacity", "2", "--policy", "lru");
    assertThat(r.status()).isZero();
    assertThat(r.lastLine()).isEqualTo("hit_rate=0.285714");
  }

  @Test
  void aLoadWindowLongerThanTheTraceBehavesAsOneAsLongAsTheTrace() throws IOException {
    // the ring of the window used to be allocated at the window's length: 8 GB here
    Path t = file("t.csv", "time,client,item\n0,0,1\n1,1,2\n2,0,1\n3,1,3\n4,0,2\n5,0,3\n6,1,1\n");
    Result huge =
        run(
            "cache",
            "simulate",
            "--trace",
            t.toString(),
            "--capacity",
            "2",
            "--load-window",
            "2000000000");
    Result exact =
        run("cache", "simulate", "--trace", t.toString(), "--capacity", "2", "--load-window", "7");
    assertThat(huge.status()).isZero();
    assertThat(huge.out()).isEqualTo(exact.out());
  }

  @Test
  void theStatisticsFileMayGoIntoANewDirectory() throws IOException {
    Path t = file("t.csv", "time,client,item\n0,0,1\n1,0,1\n");
    Path stats = dir.resolve("new/dir/stats.csv");
    Result r =
        run(
            "cache",
            "simulate",
            "--trace",
            t.toString(),
            "--capacity",
            "1",
            "--out",
            stats.toString());
    assertThat(r.status()).isZero();
    assertThat(Files.readAllLines(stats)).first().isEqualTo("station,requests,hits,hit_rate,load");
  }

  @Test
  void beladyUsesTheFutureOnTheSameTrace() throws IOException {
    Path t = file("t.csv", "time,client,item\n0,0,1\n1,1,2\n2,0,3\n3,1,1\n4,0,2\n");
    Result r =
        run("cache", "simulate", "--trace", t.toString(), "--capacity", "2", "--policy", "belady");
    assertThat(r.lastLine()).isEqualTo("hit_rate=0.200000");
  }

  @Test
  void aNetworkReplayWritesPerStationStatistics() throws IOException {
    Path t = file("t.csv", "time,client,item\n0,2,5\n1,1,5\n2,0,5\n3,0,5\n");
    Path a = file("a.csv", "client,station\n0,0\n0,1\n1,1\n2,0\n");
    Path stats = dir.resolve("stats.csv");
    Result r =
        run(
            "cache",
            "simulate",
            "--trace",
            t.toString(),
            "--capacity",
            "1",
            "--association",
            a.toString(),
            "--out",
            stats.toString());
    assertThat(r.status()).isZero();
    assertThat(r.lastLine()).isEqualTo("hit_rate=0.500000");
    assertThat(Files.readAllLines(stats))
        .containsExactly(
            "station,requests,hits,hit_rate,load",
            "0,2,1,0.500000,0.500000",
            "1,2,1,0.500000,0.500000");
  }

  @Test
  void anUnsortedTraceIsBadInputNamingTheLine() throws IOException {
    Path t = file("t.csv", "time,client,item\n5,0,1\n4,0,2\n");
    Result r = run("cache", "simulate", "--trace", t.toString(), "--capacity", "2");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("line 3").contains("time order").doesNotContain("Exception");
  }

  @Test
  void aClientWithoutAStationIsBadInputNamingTheTraceLine() throws IOException {
    Path t = file("t.csv", "time,client,item\n0,0,1\n1,3,2\n");
    Path a = file("a.csv", "client,station\n0,0\n");
    Result r =
        run(
            "cache",
            "simulate",
            "--trace",
            t.toString(),
            "--capacity",
            "2",
            "--association",
            a.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("line 3").contains("client 3");
  }

  @Test
  void moreThanTwoStationsIsBadInputNamingTheAssociationLine() throws IOException {
    Path t = file("t.csv", "time,client,item\n0,0,1\n");
    Path a = file("a.csv", "client,station\n0,0\n0,1\n0,2\n");
    Result r =
        run(
            "cache",
            "simulate",
            "--trace",
            t.toString(),
            "--capacity",
            "2",
            "--association",
            a.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("line 4").contains("more than two");
  }

  @Test
  void stationsNumberedWithGapsAreBadInput() throws IOException {
    // stations 1 and 2 used to replay over three caches, station 0 empty, and count it in the
    // load imbalance; a station id of 10^9 used to allocate 10^9 caches
    Path t = file("t.csv", "time,client,item\n0,0,1\n1,1,1\n");
    for (String stations : new String[] {"1\n1,2\n", "0\n1,1000000000\n"}) {
      Path a = file("a.csv", "client,station\n0," + stations);
      Result r =
          run(
              "cache",
              "simulate",
              "--trace",
              t.toString(),
              "--capacity",
              "2",
              "--association",
              a.toString());
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err()).contains(a.toString()).contains("has no client");
    }
  }

  @Test
  void zeroCapacityAndUnknownPoliciesAreBadInput() throws IOException {
    Path t = file("t.csv", "time,client,item\n0,0,1\n");
    Result zero = run("cache", "simulate", "--trace", t.toString(), "--capacity", "0");
    assertThat(zero.status()).isEqualTo(2);
    assertThat(zero.err()).contains("--capacity");
    Result unknown =
        run("cache", "simulate", "--trace", t.toString(), "--capacity", "1", "--policy", "mru");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown cache policy 'mru'");
  }

  @Test
  void aMalformedRowIsBadInputNamingTheLine() throws IOException {
    Path t = file("t.csv", "time,client,item\n0,0,1\n1,zero,2\n");
    Result r = run("cache", "simulate", "--trace", t.toString(), "--capacity", "1");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("line 3").contains("client 'zero'");
  }

  @Test
  void aGeneratedTraceAndAssociationReplayWithEveryPolicy() throws IOException {
    Path t = dir.resolve("gen.csv");
    Path a = dir.resolve("assoc.csv");
    Result g =
        run(
            "cache",
            "generate",
            "--slots",
            "200",
            "--catalogue",
            "500",
            "--out",
            t.toString(),
            "--association-out",
            a.toString(),
            "--rare",
            "--seed",
            "3");
    assertThat(g.status()).isZero();
    assertThat(Files.readAllLines(t).get(0)).isEqualTo("time,client,item");
    double belady = -1;
    double lru = -1;
    for (String policy : List.of("lru", "lfu", "fifo", "random", "arc", "wtinylfu", "belady")) {
      Result r =
          run(
              "cache",
              "simulate",
              "--trace",
              t.toString(),
              "--capacity",
              "20",
              "--association",
              a.toString(),
              "--policy",
              policy);
      assertThat(r.status()).as(policy).isZero();
      double h = Double.parseDouble(r.lastLine().substring("hit_rate=".length()));
      assertThat(h).isBetween(0.0, 1.0);
      if (policy.equals("belady")) {
        belady = h;
      } else if (policy.equals("lru")) {
        lru = h;
      }
    }
    assertThat(belady).isGreaterThan(lru);
  }
}
