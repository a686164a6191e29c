package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dnt.core.InvalidInputException;
import dnt.live.runtime.CellRetention;
import dnt.live.runtime.IngestSettings;
import dnt.live.runtime.LiveConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad {@code dnt-live.*} setting (a Java system property, as {@code DNT_JAVA_OPTS} passes it)
 * stops a start with one sentence naming it before the state folder is touched: nothing is created
 * ({@link LiveTwins#check}, which {@link LiveTwins#start} runs first and {@code dnt serve} runs
 * before it writes its admin token).
 */
final class BadNodeSettingsTest {
  private static final List<String> KEYS =
      List.of(
          IngestSettings.PATH + ".partitions",
          IngestSettings.PATH + ".flush-interval",
          IngestSettings.PATH + ".flush-rows",
          IngestSettings.PATH + ".snapshot-every",
          IngestSettings.PATH + ".resend-after",
          IngestSettings.PATH + ".keep-alive",
          CellRetention.PATH);

  @TempDir Path tmp;

  /** Runs {@code body} with one property set and every other node setting cleared. */
  private static void with(String key, @Nullable String value, ThrowingRunnable body)
      throws Exception {
    Map<String, @Nullable String> saved = TestProperties.current(KEYS);
    Map<String, @Nullable String> set = new HashMap<>();
    KEYS.forEach(k -> set.put(k, null));
    set.put(key, value);
    TestProperties.set(set);
    try {
      body.run();
    } finally {
      TestProperties.set(saved);
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void aBadSettingIsRefusedBeforeTheStateFolderIsCreated() throws Exception {
    String[][] bad = {
      {"dnt-live.ingest-log.partitions", "four", "dnt-live.ingest-log.partitions: 'four' is not"},
      {"dnt-live.ingest-log.flush-interval", "soon", "dnt-live.ingest-log.flush-interval: 'soon'"},
      {"dnt-live.ingest-log.keep-alive", "-1s", "dnt-live.ingest-log.keep-alive: "},
      {"dnt-live.cell.retention", "36h", "dnt-live.cell.retention: 36h is shorter than the 2 days"},
      // the default forecasters read 4 days before a cell's newest slot
      {"dnt-live.cell.retention", "3d", "dnt-live.cell.retention: 3d is shorter than the 4d"},
    };
    int n = 0;
    for (String[] b : bad) {
      Path state = tmp.resolve("s" + n++);
      LiveSettings settings = LiveSettings.defaults(state);
      with(
          b[0],
          b[1],
          () -> {
            assertThatThrownBy(() -> LiveTwins.check(settings))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(b[2]);
            assertThatThrownBy(() -> LiveTwins.start(settings).close())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(b[2]);
            assertThat(state).as("%s=%s", b[0], b[1]).doesNotExist();
          });
    }
  }

  /** The forecasters' reach is checked only where they run. */
  @Test
  void aWindowShorterThanTheForecastersReadIsFineWithoutThem() throws Exception {
    with(
        CellRetention.PATH,
        "3d",
        () -> {
          LiveTwins.check(
              LiveSettings.defaults(tmp.resolve("s")).withForecast(ForecastSettings.off()));
          assertThat(LiveConfig.read().retention()).isEqualTo(CellRetention.parse("3d"));
        });
  }

  /**
   * Without properties the node runs {@code dnt-live.conf}'s values (their figures are checked in
   * IngestSettingsTest and CellRetentionTest), with one the property's.
   */
  @Test
  void withoutPropertiesTheSettingsAreThoseOfTheConfigurationFile() throws Exception {
    with(
        CellRetention.PATH,
        null,
        () ->
            assertThat(LiveConfig.read())
                .isEqualTo(
                    new LiveConfig(
                        IngestSettings.of(ConfigFactory.parseResources("dnt-live.conf").resolve()),
                        CellRetention.parse("14d"))));
    with(
        "dnt-live.ingest-log.partitions",
        "0",
        () -> assertThat(LiveConfig.read().ingest().enabled()).isFalse());
  }
}
