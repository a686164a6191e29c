package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dnt.core.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ingest log's settings from a node's configuration: the defaults of {@code dnt-live.conf}, a
 * system property on top, and every kind of bad value refused with one sentence that names the
 * setting ({@code dnt serve} shows it with exit status 2).
 */
final class IngestSettingsTest {
  private static Config with(String key, String value) {
    return ConfigFactory.parseString(IngestSettings.PATH + "." + key + " = \"" + value + "\"")
        .withFallback(ConfigFactory.parseResources("dnt-live.conf"))
        .resolve();
  }

  @Test
  void theDefaultsAreThoseTheDocsState() {
    IngestSettings s = IngestSettings.of(ConfigFactory.parseResources("dnt-live.conf").resolve());
    assertThat(s)
        .isEqualTo(
            new IngestSettings(
                4, Duration.ofSeconds(2), 5000, 10, Duration.ofSeconds(10), Duration.ofSeconds(2)));
    assertThat(s.enabled()).isTrue();
  }

  @Test
  void aValueOnTopReplacesTheDefaultAndZeroPartitionsTurnTheLogOff() {
    IngestSettings off = IngestSettings.of(with("partitions", "0"));
    assertThat(off.partitions()).isZero();
    assertThat(off.enabled()).isFalse();
    assertThat(IngestSettings.of(with("flush-interval", "300ms")).flushInterval())
        .isEqualTo(Duration.ofMillis(300));
    // 0 is allowed for resend-after only: a pending batch goes again at every keep-alive
    assertThat(IngestSettings.of(with("resend-after", "0s")).resendAfter()).isZero();
  }

  /** Each bad value: the message starts with the setting's full name and is one line. */
  @Test
  void everyKindOfBadValueIsOneSentenceNamingTheSetting() {
    String[][] bad = {
      {"partitions", "-1", "below 0"},
      {"partitions", "four", "'four' is not a whole number"},
      {"partitions", "99999999999", "is not a whole number"},
      {"flush-rows", "0", "below 1"},
      {"snapshot-every", "1.5", "is not a whole number"},
      {"flush-interval", "soon", "'soon' is not a duration"},
      {"flush-interval", "0s", "is zero"},
      {"keep-alive", "-2s", "is negative"},
      {"keep-alive", "0ms", "is zero"},
      {"resend-after", "-1s", "is negative"},
      {"resend-after", "10 parsecs", "is not a duration"},
    };
    for (String[] b : bad) {
      Config config = with(b[0], b[1]);
      assertThatThrownBy(() -> IngestSettings.of(config))
          .as("%s = %s", b[0], b[1])
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("dnt-live.ingest-log." + b[0] + ":")
          .hasMessageContaining(b[2])
          .satisfies(e -> assertThat(e.getMessage().lines().count()).isEqualTo(1));
    }
  }

  @Test
  void aSettingThatIsNotAGroupIsNamedToo() {
    Config config = ConfigFactory.parseString(IngestSettings.PATH + " = 4");
    assertThatThrownBy(() -> IngestSettings.of(config))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("dnt-live.ingest-log must be a group of settings");
  }
}
