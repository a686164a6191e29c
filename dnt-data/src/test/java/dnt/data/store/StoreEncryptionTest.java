package dnt.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.milan.BundledData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store encrypted at rest opens only with its key, and every other way of opening it is refused
 * with one sentence, never garbage. The encrypted stores here are written through DuckDB's unsafe
 * built-in crypto module ({@link StoreSchema#unsafeEncryptedWritesForTests}), since the httpfs
 * extension that production writes need is not installed offline; reading is the same code path
 * either way.
 */
final class StoreEncryptionTest {
  private static final Path SAMPLE = BundledData.file(BundledData.RAW_SAMPLE);
  private static final StoreKey KEY = new StoreKey("correct-horse-battery-staple");

  @TempDir Path dir;

  @BeforeEach
  void allowTestWrites() {
    StoreSchema.unsafeEncryptedWritesForTests = true;
  }

  @AfterEach
  void forbidTestWrites() {
    StoreSchema.unsafeEncryptedWritesForTests = false;
  }

  private Path encryptedStore() {
    Path store = dir.resolve("secret.duckdb");
    try (TrafficStore ts = TrafficStore.create(store, KEY)) {
      ts.ingest(List.of(SAMPLE), IngestOptions.defaults());
      assertThat(ts.encrypted()).isTrue();
    }
    return store;
  }

  private Path plainStore() {
    Path store = dir.resolve("plain.duckdb");
    try (TrafficStore ts = TrafficStore.create(store)) {
      ts.ingest(List.of(SAMPLE), IngestOptions.defaults());
      assertThat(ts.encrypted()).isFalse();
    }
    return store;
  }

  @Test
  void anEncryptedStoreReadsBackWithItsKeyAsTheSameDataAsAPlainOne() {
    Path secret = encryptedStore();
    Path plain = plainStore();
    StoreInfo expected;
    try (TrafficStore ts = TrafficStore.open(plain)) {
      expected = ts.info();
    }
    try (TrafficStore ts = TrafficStore.open(secret, KEY)) {
      StoreInfo got = ts.info();
      assertThat(got.cellSlots()).isEqualTo(expected.cellSlots()).isPositive();
      assertThat(got.rawRows()).isEqualTo(143);
      // the same rows summed in the same order: equal bit for bit
      for (Service s : Service.values()) {
        assertThat(got.totals().get(s)).isEqualTo(expected.totals().get(s));
      }
    }
  }

  @Test
  void theEncryptedFileHoldsNoneOfTheStoresTextWhileAPlainOneDoes() throws Exception {
    String marker = StoreSchema.FORMAT;
    String plainBytes = new String(Files.readAllBytes(plainStore()), StandardCharsets.ISO_8859_1);
    String secretBytes =
        new String(Files.readAllBytes(encryptedStore()), StandardCharsets.ISO_8859_1);
    assertThat(plainBytes).contains(marker).contains("internet");
    assertThat(secretBytes).doesNotContain(marker).doesNotContain("internet");
  }

  @Test
  void withoutItsKeyAnEncryptedStoreIsRefusedInOneSentenceForReadingAndWriting() {
    Path secret = encryptedStore();
    String expected =
        "the store "
            + secret
            + " is encrypted: give its key with --key-file FILE or the environment variable"
            + " DNT_STORE_KEY";
    assertThatThrownBy(() -> TrafficStore.open(secret))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(expected);
    assertThatThrownBy(() -> TrafficStore.create(secret))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(expected);
  }

  @Test
  void anotherKeyIsRefusedInOneSentence() {
    Path secret = encryptedStore();
    assertThatThrownBy(() -> TrafficStore.open(secret, new StoreKey("wrong")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the store "
                + secret
                + " does not open with the key given (another key, or a damaged file)");
  }

  @Test
  void aKeyForAStoreInTheClearIsRefusedRatherThanIgnored() {
    Path plain = plainStore();
    assertThatThrownBy(() -> TrafficStore.open(plain, KEY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("the store " + plain + " is not encrypted, but a key was given");
  }

  @Test
  void anEncryptedStoreTakesMoreFilesWithItsKey() throws Exception {
    Path secret = encryptedStore();
    Path later = dir.resolve("later.txt");
    // the sample's cell one day later: no slot in common with the sample
    List<String> shifted =
        Files.readAllLines(SAMPLE).stream()
            .filter(l -> !l.isBlank())
            .map(
                l -> {
                  String[] f = l.split("\t", -1);
                  f[1] = Long.toString(Long.parseLong(f[1]) + 86_400_000L);
                  return String.join("\t", f);
                })
            .toList();
    Files.write(later, shifted);
    try (TrafficStore ts = TrafficStore.create(secret, KEY)) {
      ts.ingest(List.of(later), IngestOptions.defaults());
    }
    try (TrafficStore ts = TrafficStore.open(secret, KEY)) {
      assertThat(ts.info().files()).isEqualTo(2);
      assertThat(ts.info().rawRows()).isEqualTo(2 * 143);
    }
  }

  @Test
  void withoutDuckDbsHttpfsExtensionWritingAnEncryptedStoreIsRefusedInOneSentence() {
    assumeFalse(httpfsInstalled(), "DuckDB's httpfs extension is installed here");
    StoreSchema.unsafeEncryptedWritesForTests = false;
    Path store = dir.resolve("new.duckdb");
    assertThatThrownBy(() -> TrafficStore.create(store, KEY))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            "cannot write the encrypted store "
                + store
                + ": DuckDB encrypts new data only with its httpfs extension");
    assertThat(store).doesNotExist();
  }

  @Test
  void theKeyIsNeverPrinted() {
    assertThat(KEY.toString()).doesNotContain(KEY.secret());
  }

  @Test
  void keyFilesGiveTheirFirstLineAndRefuseEmptyOrSpacedKeys() throws Exception {
    Path good = Files.writeString(dir.resolve("good.key"), "s3cret\r\nsecond line\n");
    assertThat(StoreKey.readFile(good).secret()).isEqualTo("s3cret");
    Path empty = Files.writeString(dir.resolve("empty.key"), "\nkey\n");
    assertThatThrownBy(() -> StoreKey.readFile(empty))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("the key file " + empty + " holds no key on its first line");
    Path spaced = Files.writeString(dir.resolve("spaced.key"), "two words\n");
    assertThatThrownBy(() -> StoreKey.readFile(spaced))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("white space");
    assertThatThrownBy(() -> StoreKey.readFile(dir.resolve("none.key")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("cannot read the key file");
  }

  private static boolean httpfsInstalled() {
    Path extensions = Path.of(System.getProperty("user.home"), ".duckdb", "extensions");
    if (!Files.isDirectory(extensions)) {
      return false;
    }
    try (var files = Files.walk(extensions)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("httpfs"));
    } catch (java.io.IOException e) {
      return true;
    }
  }
}
