package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with a PKCS12 keystore that the test makes with the JDK's {@code keytool} (a self-signed EC
 * certificate for 127.0.0.1 and localhost).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TlsTest {
  private static final String PASSWORD = "keystore-password-42";

  @TempDir Path dir;
  private Path keystore;

  /** Makes a PKCS12 keystore with a self-signed certificate by {@code keytool -genkeypair}. */
  static Path keystore(Path dir, String password) throws IOException, InterruptedException {
    Path file = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
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
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + out);
    }
    return file;
  }

  /** A client that trusts the keystore's certificate and nothing else. */
  static HttpClient trusting(Path keystore, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
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
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
  }

  @BeforeAll
  void makeKeystore(@TempDir Path shared) throws Exception {
    keystore = keystore(shared, PASSWORD);
  }

  @Test
  void theServerAnswersOverHttpsWithTheKeystoresCertificate() throws Exception {
    TlsSettings tls = TlsSettings.load(keystore, PASSWORD);
    try (var twin = Fixtures.twin();
        var server = DntServer.start(twin, Fixtures.settings(dir).withTls(tls))) {
      assertThat(server.url().toString())
          .isEqualTo("https://127.0.0.1:" + server.port() + "/api/v1");
      HttpResponse<String> health =
          trusting(keystore, PASSWORD)
              .send(
                  HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      Certificate served = health.sslSession().orElseThrow().getPeerCertificates()[0];
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        ks.load(in, PASSWORD.toCharArray());
      }
      assertThat(served).isEqualTo(ks.getCertificate("dnt"));
      // a client that does not trust the certificate is refused in the handshake
      assertThatThrownBy(
              () ->
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(URI.create(server.url() + "/health")).build(),
                          HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
      // and plain HTTP on the port gets no answer from the API
      boolean plainServed;
      try {
        plainServed = Http.of(server).get("/api/v1/health", null).body().contains("\"status\"");
      } catch (IOException e) {
        plainServed = false;
      }
      assertThat(plainServed).isFalse();
    }
  }

  @Test
  void aKeystoreThatCannotServeIsOneSentenceNamingTheFile() throws Exception {
    assertThatThrownBy(() -> TlsSettings.load(keystore, "wrong-password"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the keystore "
                + keystore
                + " cannot be opened: it is not a PKCS12 file or the password is wrong");
    Path text = Files.writeString(dir.resolve("not.p12"), "hello\n");
    assertThatThrownBy(() -> TlsSettings.load(text, PASSWORD))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(text.toString())
        .hasMessageContaining("not a PKCS12 file");
    Path missing = dir.resolve("missing.p12");
    assertThatThrownBy(() -> TlsSettings.load(missing, PASSWORD))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the keystore " + missing + " does not exist");
    // a keystore with a certificate but no private key
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyStore certOnly = KeyStore.getInstance("PKCS12");
    certOnly.load(null, null);
    certOnly.setCertificateEntry("ca", ks.getCertificate("dnt"));
    Path noKey = dir.resolve("cert-only.p12");
    try (var out = Files.newOutputStream(noKey)) {
      certOnly.store(out, PASSWORD.toCharArray());
    }
    assertThatThrownBy(() -> TlsSettings.load(noKey, PASSWORD))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(noKey.toString())
        .hasMessageContaining("holds no private key");
    // the password never shows
    assertThat(TlsSettings.load(keystore, PASSWORD).toString())
        .contains(keystore.toString())
        .doesNotContain(PASSWORD);
  }

  @Test
  void aPasswordFileGivesItsFirstLineWithoutTheLineEnd() throws Exception {
    for (String text : List.of(PASSWORD, PASSWORD + "\n", PASSWORD + "\r\n", PASSWORD + "\nx\n")) {
      Path f = Files.writeString(dir.resolve("pw"), text);
      assertThat(TlsSettings.readPassword(f)).as(text).isEqualTo(PASSWORD);
    }
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> TlsSettings.readPassword(empty))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the password file " + empty + " holds no password");
    Path missing = dir.resolve("none");
    assertThatThrownBy(() -> TlsSettings.readPassword(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("cannot read the password file " + missing);
  }

  @Test
  void onlyLoopbackAddressesCountAsThisMachineOnly() {
    ServerSettings s = Fixtures.settings(dir);
    for (String host : List.of("127.0.0.1", "127.0.0.2", "::1", "localhost")) {
      assertThat(s.withAddress(host, 0).loopbackOnly()).as(host).isTrue();
    }
    for (String host : List.of("0.0.0.0", "::", "192.0.2.1")) {
      assertThat(s.withAddress(host, 0).loopbackOnly()).as(host).isFalse();
    }
  }
}
