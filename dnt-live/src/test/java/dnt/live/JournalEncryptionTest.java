package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded journal encrypted at rest (H2 {@code CIPHER=AES}): its file holds none of the
 * journal's text, it reopens with its key and keeps its rows, and without the key or with another
 * one it is refused with a sentence, not read as garbage.
 */
final class JournalEncryptionTest {
  private static final long DAY = Instant.parse("2013-11-04T00:00:00Z").toEpochMilli();
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochMilli(DAY + 144 * 600_000L), ZoneOffset.UTC);

  @TempDir Path tmp;

  private static LiveSettings settings(Path state, String key) {
    LiveSettings s =
        LiveSettings.defaults(state)
            .withClock(CLOCK, Duration.ofHours(1))
            .withForecast(ForecastSettings.off());
    return key == null ? s : s.withJournal(JournalSettings.embedded(state, key));
  }

  private static LiveTwin start(Path state, String key) {
    return LiveTwins.start(settings(state, key), null, Duration.ofSeconds(30));
  }

  private static void ingest(LiveTwin twin) {
    twin.ingest(List.of(new RawRow(7, DAY, 39, 0, 0, 0, 0, 42.5)))
        .toCompletableFuture()
        .orTimeout(60, TimeUnit.SECONDS)
        .join();
  }

  /** Whether the journal's database file holds the table name as text. */
  private static boolean readable(Path state) throws Exception {
    Path file = state.resolve("journal").resolve("events.mv.db");
    String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    return bytes.contains("EVENT_JOURNAL") || bytes.contains("event_journal");
  }

  @Test
  void anEncryptedJournalOpensOnlyWithItsKey() throws Exception {
    Path clear = tmp.resolve("clear");
    try (LiveTwin twin = start(clear, null)) {
      ingest(twin);
    }
    // the control: a journal in the clear shows its table name in its file
    assertThat(readable(clear)).isTrue();

    Path state = tmp.resolve("state");
    try (LiveTwin twin = start(state, "k3y-of-the-test")) {
      ingest(twin);
    }
    assertThat(readable(state)).isFalse();

    assertThatThrownBy(() -> start(state, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("the journal in " + state.resolve("journal"))
        .hasMessageContaining("cannot be read without a key: it is encrypted");
    assertThatThrownBy(() -> start(state, "another-key"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not open with the key given")
        .hasMessageNotContaining("another-key");
    assertThatThrownBy(() -> start(clear, "k3y-of-the-test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not open with the key given");

    try (LiveTwin twin = start(state, "k3y-of-the-test")) {
      CellTraffic got =
          twin.traffic(CellId.of(7), DAY, DAY + 600_000L, Resolution.TEN_MINUTES)
              .toCompletableFuture()
              .join();
      // one small value, exact in double: no tolerance
      assertThat(got.value(0, Service.INTERNET)).isEqualTo(42.5);
    }
  }

  @Test
  void theKeyIsNeverPrintedAndOnlyEncryptsH2() {
    JournalSettings j = JournalSettings.embedded(tmp, "not-to-be-printed");
    assertThat(j.toString()).doesNotContain("not-to-be-printed").contains("encrypted=true");
    assertThat(j.url()).contains(";CIPHER=AES");
    assertThat(j.connectionPassword("")).isEqualTo("not-to-be-printed ");
    assertThatThrownBy(() -> new JournalSettings("jdbc:postgresql://h/db", "dnt", null, "k"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("only the embedded H2 journal");
  }
}
