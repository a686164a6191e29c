package dnt.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.cli.CliRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dnt serve}'s cluster and journal options (docs/cluster.md): every bad value is exit 2 with
 * one sentence naming the option, no stack trace, and (where refused before the twin starts) no
 * state folder.
 */
final class ServeClusterOptionsTest {
  @TempDir Path dir;

  private CliRun serve(String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "serve", "--port", "0", "--state", dir.resolve("s").toString(), "--replay", "off"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  private static void refused(CliRun r, String start, String... mentions) {
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("dnt: " + start).contains(mentions).doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void seedNodesWithTheEmbeddedH2JournalAreRefused() {
    refused(
        serve("--node-port", "25520", "--seed-nodes", "127.0.0.1:25520"),
        "--seed-nodes:",
        "H2",
        "single node",
        "--journal-url");
    refused(
        serve(
            "--node-port",
            "25520",
            "--seed-nodes",
            "127.0.0.1:25520",
            "--journal-url",
            "jdbc:h2:mem:x"),
        "--seed-nodes:",
        "H2");
    assertThat(Files.exists(dir.resolve("s"))).isFalse();
  }

  @Test
  void anUnparseableSeedNodeIsRefusedNamingIt() {
    String url = "jdbc:postgresql://127.0.0.1:1/dnt";
    refused(
        serve("--node-port", "25520", "--journal-url", url, "--seed-nodes", "127.0.0.1"),
        "--seed-nodes:",
        "'127.0.0.1'",
        "HOST:PORT");
    refused(
        serve("--node-port", "25520", "--journal-url", url, "--seed-nodes", "a:1,b:x"),
        "--seed-nodes:",
        "'b:x'");
    refused(
        serve("--node-port", "25520", "--journal-url", url, "--seed-nodes", "a:70000"),
        "--seed-nodes:",
        "a:70000",
        "1..65535");
    refused(serve("--journal-url", url, "--seed-nodes", "a:2551"), "--node-port:", "fixed port");
    assertThat(Files.exists(dir.resolve("s"))).isFalse();
  }

  @Test
  void aNodePortOutOfRangeIsRefused() {
    refused(serve("--node-port", "65536"), "--node-port:", "65536");
    refused(serve("--node-port", "-1"), "--node-port:", "-1");
  }

  @Test
  void journalOptionsNeedAPostgresUrlAndAReadablePasswordFile() {
    refused(serve("--journal-user", "dnt"), "--journal-user", "--journal-url");
    refused(
        serve("--journal-url", "jdbc:mysql://localhost/dnt"),
        "--journal-url:",
        "jdbc:mysql://localhost/dnt");
    Path missing = dir.resolve("no-such-password");
    refused(
        serve(
            "--journal-url",
            "jdbc:postgresql://127.0.0.1:1/dnt",
            "--journal-password-file",
            missing.toString()),
        "--journal-password-file:",
        missing.toString());
    refused(
        serve("--journal-url", "jdbc:postgresql://127.0.0.1:1/dnt", "--journal-user", " "),
        "--journal-user:",
        "blank");
    assertThat(Files.exists(dir.resolve("s"))).isFalse();
  }

  /**
   * One radio twin per node would be told only by the cell twins of its own node, so a cluster
   * refuses the radio twin without regions; with regions or without the radio twin the start goes
   * on (here to the unreachable journal database, which is refused next).
   */
  @Test
  void aClusterRefusesTheRadioTwinWithoutRegions() {
    String url = "jdbc:postgresql://127.0.0.1:1/dnt";
    String[] cluster = {"--node-port", "25520", "--journal-url", url, "--seed-nodes", "a:25520"};
    refused(serve(cluster), "--radio-regions:", "--seed-nodes", "--radio off");
    assertThat(Files.exists(dir.resolve("s"))).isFalse();
    List<String> regions = new ArrayList<>(List.of(cluster));
    regions.addAll(List.of("--radio-regions", "3000"));
    CliRun r = serve(regions.toArray(String[]::new));
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("--radio-regions").contains(url);
    List<String> off = new ArrayList<>(List.of(cluster));
    off.addAll(List.of("--radio", "off"));
    r = serve(off.toArray(String[]::new));
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).doesNotContain("--radio-regions").contains(url);
  }

  @Test
  void aClusterPortInUseIsExit2() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun r = serve("--radio", "off", "--node-port", Integer.toString(taken.getLocalPort()));
      refused(r, "", "node port " + taken.getLocalPort(), "cannot be bound");
    }
  }

  @Test
  void anUnreachableDatabaseIsExit2NamingItWithoutThePassword() throws IOException {
    Path password = Files.writeString(dir.resolve("pw"), "secret-password-123\n");
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    // nothing listens on the port now: the connection is refused at once
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/dnt";
    CliRun r = serve("--journal-url", url, "--journal-password-file", password.toString());
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("dnt: ")
        .contains(url)
        .doesNotContain("secret-password-123")
        .doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }
}
