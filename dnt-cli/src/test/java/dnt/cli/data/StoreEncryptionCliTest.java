package dnt.cli.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dnt.cli.CliRun;
import dnt.data.milan.BundledData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --key-file} on the data commands: an encrypted store is read with its key and gives the
 * same answers as the same store in the clear; without its key, with another key, or with a key for
 * a store in the clear, every command exits 2 with one sentence naming the store. The encrypted
 * store is made from a plain one by DuckDB itself ({@code COPY FROM DATABASE}), written through
 * DuckDB's unsafe built-in crypto module since the httpfs extension that dnt needs for writing is
 * not installed offline; reading needs neither.
 */
final class StoreEncryptionCliTest {
  private static final Path SAMPLE = BundledData.file(BundledData.RAW_SAMPLE);
  private static final String KEY = "s3cret-key";

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static void assertRefused(CliRun r, String sentence) {
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    List<String> lines = r.err().lines().toList();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("dnt: " + sentence);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  private Path plainStore() {
    Path store = dir.resolve("plain.duckdb");
    assertThat(run("data", "ingest", SAMPLE.toString(), "--store", store.toString()).status())
        .isZero();
    return store;
  }

  /** The plain store's tables copied by DuckDB into a new database encrypted with KEY. */
  private Path encryptedCopy(Path plain) throws Exception {
    Path secret = dir.resolve("secret.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET force_mbedtls_unsafe = true");
      s.execute("ATTACH '" + plain + "' AS p (READ_ONLY)");
      s.execute("ATTACH '" + secret + "' AS e (ENCRYPTION_KEY '" + KEY + "')");
      s.execute("COPY FROM DATABASE p TO e");
      s.execute("DETACH e");
      s.execute("DETACH p");
    }
    return secret;
  }

  private Path keyFile(String name, String key) throws Exception {
    return Files.writeString(dir.resolve(name), key + "\n");
  }

  @Test
  void anEncryptedStoreAnswersWithItsKeyAsTheSameStoreInTheClear() throws Exception {
    Path plain = plainStore();
    Path secret = encryptedCopy(plain);
    String key = keyFile("store.key", KEY).toString();
    CliRun clear = run("data", "info", "--store", plain.toString());
    CliRun info = run("data", "info", "--store", secret.toString(), "--key-file", key);
    assertThat(info.status()).as(info.err()).isZero();
    assertThat(info.out()).contains("encrypted:     yes");
    assertThat(clear.out()).contains("encrypted:     no");
    // everything after the store's name and its encryption line is the same
    assertThat(info.out().lines().skip(2).toList()).isEqualTo(clear.out().lines().skip(2).toList());

    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    assertThat(run("data", "export", "--store", plain.toString(), "--out", a.toString()).status())
        .isZero();
    CliRun export =
        run(
            "data",
            "export",
            "--store",
            secret.toString(),
            "--key-file",
            key,
            "--out",
            b.toString());
    assertThat(export.status()).as(export.err()).isZero();
    assertThat(export.err()).contains("the store is encrypted, the CSV " + b + " is not");
    assertThat(Files.readString(b)).isEqualTo(Files.readString(a)).contains("\n1,");
  }

  @Test
  void withoutItsKeyOrWithAnotherKeyEveryDataCommandIsRefusedInOneSentence() throws Exception {
    Path secret = encryptedCopy(plainStore());
    String noKey =
        "the store "
            + secret
            + " is encrypted: give its key with --key-file FILE or the environment variable"
            + " DNT_STORE_KEY";
    assertRefused(run("data", "info", "--store", secret.toString()), noKey);
    Path out = dir.resolve("out.csv");
    assertRefused(
        run("data", "export", "--store", secret.toString(), "--out", out.toString()), noKey);
    assertThat(out).doesNotExist();
    Path later = dir.resolve("later.txt");
    Files.writeString(later, "1\t1383346800000\t39\t1.0\n");
    assertRefused(run("data", "ingest", later.toString(), "--store", secret.toString()), noKey);

    String wrong = keyFile("wrong.key", "not-the-key").toString();
    assertRefused(
        run("data", "info", "--store", secret.toString(), "--key-file", wrong),
        "the store "
            + secret
            + " does not open with the key given (another key, or a damaged"
            + " file)");
  }

  @Test
  void theForecastingStudyReadsAnEncryptedStoreWithItsKeyAsThePlainStore() throws Exception {
    Path plain = plainStore();
    Path secret = encryptedCopy(plain);
    String results = dir.resolve("results").toString();
    CliRun noKey =
        run("experiment", "forecasting", "--data", secret.toString(), "--results-dir", results);
    assertRefused(
        noKey,
        "the store "
            + secret
            + " is encrypted: give its key with --key-file FILE or the environment variable"
            + " DNT_STORE_KEY");
    // The sample holds half a day, too little to forecast: with its key the encrypted store gets
    // exactly as far as the plain one, and is refused for the same reason.
    CliRun clear =
        run("experiment", "forecasting", "--data", plain.toString(), "--results-dir", results);
    CliRun keyed =
        run(
            "experiment",
            "forecasting",
            "--data",
            secret.toString(),
            "--key-file",
            keyFile("store.key", KEY).toString(),
            "--results-dir",
            results);
    assertThat(clear.status()).isEqualTo(2);
    assertThat(keyed.status()).isEqualTo(2);
    String reason = clear.err().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(keyed.err().lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo(reason.replace(plain.toString(), secret.toString()))
        .doesNotContain("encrypted");
  }

  @Test
  void aKeyForAStoreInTheClearAndABadKeyFileAreRefused() throws Exception {
    Path plain = plainStore();
    String key = keyFile("store.key", KEY).toString();
    CliRun r = run("data", "info", "--store", plain.toString(), "--key-file", key);
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).startsWith("dnt: the store " + plain + " is not encrypted, but a key");
    Path missing = dir.resolve("missing.key");
    CliRun m = run("data", "info", "--store", plain.toString(), "--key-file", missing.toString());
    assertThat(m.status()).isEqualTo(2);
    assertThat(m.err()).startsWith("dnt: --key-file: cannot read the key file " + missing);
  }

  @Test
  void withoutDuckDbsHttpfsANewEncryptedStoreIsRefusedAndLeavesNothing() throws Exception {
    assumeFalse(httpfsInstalled(), "DuckDB's httpfs extension is installed here");
    Path key = keyFile("store.key", KEY);
    Path store = dir.resolve("stores/new.duckdb");
    CliRun r =
        run(
            "data",
            "ingest",
            SAMPLE.toString(),
            "--store",
            store.toString(),
            "--key-file",
            key.toString());
    assertThat(r.status()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("cannot write the encrypted store")
        .contains("httpfs")
        .doesNotContain("\tat ");
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("store.key");
    }
  }

  private static boolean httpfsInstalled() {
    Path extensions = Path.of(System.getProperty("user.home"), ".duckdb", "extensions");
    if (!Files.isDirectory(extensions)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(extensions)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("httpfs"));
    } catch (java.io.IOException e) {
      return true;
    }
  }
}
