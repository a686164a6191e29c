package dnt.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.cli.CliRun;
import dnt.cli.serve.InProcessServe.Serving;
import dnt.data.milan.MilanSubset;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dnt serve} end to end: start, answer, stop; and every refusal as exit 2. */
final class ServeCommandTest {
  private static final long T0 = MilanSubset.START_MILLIS;

  @TempDir Path dir;
  private final InProcessServe serving = new InProcessServe();

  @AfterEach
  void shutdown() {
    serving.close();
  }

  private Serving serve(String... args) throws Exception {
    return serving.serve(Duration.ofSeconds(60), args);
  }

  private HttpResponse<String> get(String url, String token) throws Exception {
    return serving.get(url, token);
  }

  private HttpResponse<String> post(String url, String token, String body) throws Exception {
    return serving.post(url, token, body);
  }

  private static String adminToken(Path state) throws IOException {
    return InProcessServe.adminToken(state);
  }

  @Test
  void itServesWithAGeneratedAdminTokenAndReusesItOnTheNextStart() throws Exception {
    Path state = dir.resolve("state");
    Serving s = serve("--port", "0", "--state", state.toString(), "--replay", "off");
    Path tokenFile = state.resolve("admin.token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)))
        .isEqualTo("rw-------");
    String token = adminToken(state);
    assertThat(s.out().toString())
        .contains("listening on " + s.url())
        .contains("dashboard: open " + String.valueOf(s.url()).replace("/api/v1", "/") + " ")
        .contains(tokenFile.toAbsolutePath().toString())
        .contains("generated now")
        .doesNotContain(token);
    assertThat(get(s.url() + "/health", null).statusCode()).isEqualTo(200);
    HttpResponse<String> accepted =
        post(s.url() + "/telemetry", token, "5541\t" + T0 + "\t39\t\t\t\t\t2.5\n");
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(s.stop()).isZero();
    assertThat(s.out().toString() + s.err()).doesNotContain(token);

    Serving again = serve("--port", "0", "--state", state.toString(), "--replay", "off");
    assertThat(again.out().toString()).contains("from an earlier start");
    assertThat(adminToken(state)).isEqualTo(token);
    assertThat(
            get(again.url() + "/cells/5541/traffic?from=2013-11-01&to=2013-11-02", token)
                .statusCode())
        .isEqualTo(200);
    assertThat(again.stop()).isZero();
  }

  @Test
  void theRadioTwinRunsByDefaultAndRadioOffLeavesItOut() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path state = dir.resolve("state");
    Serving s = serve("--port", "0", "--state", state.toString(), "--replay", "off");
    assertThat(s.out().toString()).contains("radio twin: on, 10000 users");
    HttpResponse<String> kpis = get(s.url() + "/kpis", adminToken(state));
    assertThat(kpis.statusCode()).as(kpis.body()).isEqualTo(200);
    // the documented default: 10,000 users
    assertThat(json.readTree(kpis.body()).get("users").asInt()).isEqualTo(10_000);
    assertThat(s.stop()).isZero();

    Path other = dir.resolve("other");
    Serving off =
        serve("--port", "0", "--state", other.toString(), "--replay", "off", "--radio", "off");
    assertThat(off.out().toString()).contains("radio twin: off");
    HttpResponse<String> none = get(off.url() + "/kpis", adminToken(other));
    assertThat(none.statusCode()).isEqualTo(409);
    assertThat(json.readTree(none.body()).get("error").asText())
        .startsWith("the radio twin is off");
    assertThat(off.stop()).isZero();
  }

  @Test
  void radioRegionsPartitionTheRadioTwinIntoShardedRegions() throws Exception {
    ObjectMapper json = new ObjectMapper();
    Path state = dir.resolve("state");
    Serving s =
        serve(
            "--port",
            "0",
            "--state",
            state.toString(),
            "--replay",
            "off",
            "--forecast",
            "off",
            "--radio-regions",
            "3000");
    assertThat(s.out().toString())
        .contains("radio twin: on, 10000 users")
        .contains("partitioned by region (tiles of 3000 m)");
    String token = adminToken(state);
    // the network KPIs are gathered from the regions: every user of the twin is counted once.
    // Asked first: the answer needs every region running, so the sharding stats below see them
    // all (they are woken at the start, but asynchronously, and a loaded machine may not have
    // started them by the time the first request arrives)
    HttpResponse<String> kpis = get(s.url() + "/kpis", token);
    assertThat(kpis.statusCode()).as(kpis.body()).isEqualTo(200);
    assertThat(json.readTree(kpis.body()).get("users").asInt()).isEqualTo(10_000);
    // the regions are sharded entities of their own type; Milan's stations span more than one
    // 3 km tile, so there are several
    JsonNode cluster = json.readTree(get(s.url() + "/cluster", token).body());
    int regions = 0;
    for (JsonNode type : cluster.get("entityTypes")) {
      if (type.get("name").asText().equals("radio-region")) {
        for (JsonNode node : type.get("nodes")) {
          for (JsonNode shard : node.get("shards")) {
            regions += shard.get("entities").asInt();
          }
        }
      }
    }
    assertThat(regions).as(cluster.toString()).isGreaterThan(1);
    assertThat(s.stop()).isZero();
  }

  @Test
  void radioRegionsNeedTheRadioTwinAndAPositiveTile() {
    String state = dir.resolve("s").toString();
    CliRun off =
        CliRun.of(
            "serve", "--port", "0", "--state", state, "--radio", "off", "--radio-regions", "3000");
    assertThat(off.status()).isEqualTo(2);
    assertThat(off.err()).startsWith("dnt: --radio-regions").contains("--radio on");
    assertThat(off.err().lines().count()).isEqualTo(1);
    CliRun negative =
        CliRun.of("serve", "--port", "0", "--state", state, "--radio-regions", "-500");
    assertThat(negative.status()).isEqualTo(2);
    assertThat(negative.err()).startsWith("dnt: --radio-regions: -500");
    assertThat(Files.exists(dir.resolve("s"))).isFalse();
  }

  @Test
  void theReplayFeedsTheBundledSubsetAndShowsItsClock() throws Exception {
    // the replay's pace alone: the forecasters' training would share the two cores
    Serving s =
        serve(
            "--port",
            "0",
            "--state",
            dir.resolve("s").toString(),
            "--speed",
            "max",
            "--forecast",
            "off");
    ObjectMapper json = new ObjectMapper();
    JsonNode health = json.readTree(get(s.url() + "/health", null).body());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!health.get("replay").get("state").asText().equals("finished")
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      health = json.readTree(get(s.url() + "/health", null).body());
    }
    assertThat(health.get("replay").get("state").asText()).isEqualTo("finished");
    assertThat(health.get("rowsAccepted").asLong())
        .isEqualTo((long) MilanSubset.CELLS * MilanSubset.SLOTS);
    assertThat(health.get("replay").get("clockMillis").asLong())
        .isEqualTo(T0 + MilanSubset.SLOTS * 600_000L);
    assertThat(s.out().toString())
        .contains("replay: the bundled 25-cell Milan subset at max", "forecasting: off");
    assertThat(s.stop()).isZero();
  }

  @Test
  void aTokensFileGivesRoles() throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    Files.writeString(
        tokens, "# roles\nviewer viewer-token-0123456789\noperator operator-token-0123456789\n");
    Serving s =
        serve(
            "--port",
            "0",
            "--state",
            dir.resolve("s").toString(),
            "--tokens",
            tokens.toString(),
            "--replay",
            "off");
    assertThat(s.out().toString()).contains("2 tokens");
    assertThat(Files.exists(dir.resolve("s").resolve("admin.token"))).isFalse();
    String row = "5541\t" + T0 + "\t39\n";
    assertThat(post(s.url() + "/telemetry", "viewer-token-0123456789", row).statusCode())
        .isEqualTo(403);
    assertThat(post(s.url() + "/telemetry", "operator-token-0123456789", row).statusCode())
        .isEqualTo(202);
    assertThat(s.stop()).isZero();
  }

  @Test
  void aBadTokensFileIsExit2NamingFileAndLine() throws Exception {
    Path tokens = dir.resolve("tokens.txt");
    Files.writeString(tokens, "admin admin-token-0123456789\nroot root-token-0123456789\n");
    CliRun r =
        CliRun.of(
            "serve",
            "--port",
            "0",
            "--state",
            dir.resolve("s").toString(),
            "--tokens",
            tokens.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(tokens.toString()).contains("line 2").contains("root");
    assertThat(r.err().lines().count()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("admin-token-0123456789");
  }

  @Test
  void aPortInUseIsExit2() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun r =
          CliRun.of(
              "serve",
              "--port",
              Integer.toString(taken.getLocalPort()),
              "--state",
              dir.resolve("s").toString(),
              "--replay",
              "off");
      assertThat(r.status()).isEqualTo(2);
      assertThat(r.err()).contains("in use").contains("--port");
      assertThat(r.err().lines().count()).isEqualTo(1);
    }
  }

  @Test
  void anUnwritableStateFolderIsExit2() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun r = CliRun.of("serve", "--port", "0", "--state", file.resolve("state").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("dnt: --state:").contains(file.toString());
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void aMissingReplayFileIsExit2AndLeavesNoStateFolder() {
    CliRun r =
        CliRun.of(
            "serve",
            "--port",
            "0",
            "--state",
            dir.resolve("s").toString(),
            "--replay-from",
            dir.resolve("missing.txt").toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("dnt: --replay-from:").contains("missing.txt");
    assertThat(Files.exists(dir.resolve("s"))).isFalse();
  }

  /**
   * A bad {@code dnt-live.*} setting (a Java system property, as {@code DNT_JAVA_OPTS} passes it)
   * stops {@code dnt serve} before the twin starts: exit 2 and one sentence naming the setting and
   * the value, not Typesafe Config's exception, and nothing left behind (no state folder, no admin
   * token). In a separate JVM, since Pekko's configuration reads the JVM's system properties. The
   * last case runs the forecasters (on by default), which read 4 days before a cell's newest slot.
   */
  @Test
  void aBadNodeSettingIsExit2NamingTheSettingAndCreatesNothing() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[][] bad = {
      {"ingest-log.partitions", "four", "'four' is"},
      {"ingest-log.flush-interval", "soon", "'soon' is"},
      {"ingest-log.keep-alive", "-1s", "'-1s' is"},
      {"cell.retention", "36h", "36h is shorter"},
      {"cell.retention", "3d", "3d is shorter than the 4d the forecasters read"},
    };
    int n = 0;
    for (String[] b : bad) {
      String name = "dnt-live." + b[0];
      Path state = dir.resolve("s" + n);
      Path err = dir.resolve("err-" + n + ".txt");
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  "-D" + name + "=" + b[1],
                  dnt.cli.Main.class.getName(),
                  "serve",
                  "--port",
                  "0",
                  "--state",
                  state.toString(),
                  "--replay",
                  "off"));
      if (!b[0].equals("cell.retention") || !b[1].equals("3d")) {
        command.addAll(List.of("--forecast", "off"));
      }
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(dir.resolve("out-" + n + ".txt").toFile())
              .redirectError(err.toFile())
              .start();
      n++;
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("dnt serve did not stop on a bad " + name);
      }
      String message = Files.readString(err);
      assertThat(p.exitValue()).as(message).isEqualTo(2);
      assertThat(message)
          .startsWith("dnt: " + name + ": " + b[2])
          .doesNotContain("\tat ")
          .doesNotContain("Exception");
      assertThat(message.lines().count()).as(message).isEqualTo(1);
      assertThat(state).as("the state folder after a bad %s", name).doesNotExist();
    }
  }

  @Test
  void aBadSpeedIsExit2() {
    CliRun r =
        CliRun.of("serve", "--port", "0", "--state", dir.resolve("s").toString(), "--speed", "-3");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("dnt: --speed:");
    assertThat(Files.exists(dir.resolve("s"))).isFalse();
  }

  /** A PKCS12 keystore with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
  private static Path keystore(Path dir, String password) throws Exception {
    Path file = dir.resolve("server.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "dnt",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                password,
                "-keypass",
                password)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return file;
  }

  /** A client that trusts only the keystore's certificate. */
  private static HttpClient trusting(Path keystore, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keystore)) {
      ks.load(in, password.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("dnt", ks.getCertificate("dnt"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  @Test
  void tlsServesHttpsAndAHostReachableFromElsewhereWithoutTlsIsWarnedAbout() throws Exception {
    String password = "keystore-password-42";
    Path keystore = keystore(dir, password);
    Path passwordFile = Files.writeString(dir.resolve("password.txt"), password + "\n");
    String[] quiet = {"--replay", "off", "--radio", "off", "--forecast", "off"};
    List<String> args =
        new ArrayList<>(
            List.of(
                "--host",
                "0.0.0.0",
                "--port",
                "0",
                "--state",
                dir.resolve("s").toString(),
                "--tls-keystore",
                keystore.toString(),
                "--tls-password-file",
                passwordFile.toString()));
    args.addAll(List.of(quiet));
    Serving s = serve(args.toArray(String[]::new));
    assertThat(s.url()).startsWith("https://0.0.0.0:");
    assertThat(s.out().toString()).contains("listening on https://");
    assertThat(s.err().toString()).doesNotContain("warning");
    int port = URI.create(s.url()).getPort();
    HttpResponse<String> health =
        trusting(keystore, password)
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/v1/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(s.out().toString() + s.err()).doesNotContain(password);
    assertThat(s.stop()).isZero();

    List<String> plain =
        new ArrayList<>(
            List.of("--host", "0.0.0.0", "--port", "0", "--state", dir.resolve("t").toString()));
    plain.addAll(List.of(quiet));
    Serving open = serve(plain.toArray(String[]::new));
    List<String> warnings = open.err().toString().lines().toList();
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0))
        .startsWith("dnt serve: warning: 0.0.0.0 is reachable from other machines")
        .contains("--tls-keystore");
    assertThat(open.stop()).isZero();

    // the default host, loopback only, is not warned about
    List<String> local =
        new ArrayList<>(List.of("--port", "0", "--state", dir.resolve("u").toString()));
    local.addAll(List.of(quiet));
    Serving loopback = serve(local.toArray(String[]::new));
    assertThat(loopback.err().toString()).isEmpty();
    assertThat(loopback.stop()).isZero();
  }

  @Test
  void tlsAndRateLimitMistakesAreExit2NamingTheOption() throws Exception {
    String password = "keystore-password-42";
    Path keystore = keystore(dir, password);
    Path wrong = Files.writeString(dir.resolve("wrong.txt"), "not-the-password\n");
    Path state = dir.resolve("s");
    CliRun r =
        CliRun.of(
            "serve",
            "--port",
            "0",
            "--state",
            state.toString(),
            "--tls-keystore",
            keystore.toString(),
            "--tls-password-file",
            wrong.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("dnt: --tls-keystore: the keystore " + keystore)
        .contains("password is wrong")
        .doesNotContain("not-the-password")
        .doesNotContain("\tat ");
    assertThat(r.err().lines().count()).isEqualTo(1);
    CliRun missing =
        CliRun.of(
            "serve",
            "--port",
            "0",
            "--state",
            state.toString(),
            "--tls-keystore",
            keystore.toString(),
            "--tls-password-file",
            dir.resolve("none.txt").toString());
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).startsWith("dnt: --tls-password-file: cannot read the password file");
    CliRun alone =
        CliRun.of(
            "serve",
            "--port",
            "0",
            "--state",
            state.toString(),
            "--tls-password-file",
            wrong.toString());
    assertThat(alone.status()).isEqualTo(2);
    assertThat(alone.err()).startsWith("dnt: --tls-password-file: given without --tls-keystore");
    if (System.getenv(ServeCommand.TLS_PASSWORD_ENV) == null) {
      CliRun none =
          CliRun.of(
              "serve",
              "--port",
              "0",
              "--state",
              state.toString(),
              "--tls-keystore",
              keystore.toString());
      assertThat(none.status()).isEqualTo(2);
      assertThat(none.err())
          .startsWith("dnt: --tls-keystore: no password")
          .contains(ServeCommand.TLS_PASSWORD_ENV);
    }
    CliRun rate =
        CliRun.of("serve", "--port", "0", "--state", state.toString(), "--rate-limit", "-1");
    assertThat(rate.status()).isEqualTo(2);
    assertThat(rate.err()).startsWith("dnt: --rate-limit: -1.0 is not a number");
    // nothing was started: no state folder
    assertThat(Files.exists(state)).isFalse();
  }
}
