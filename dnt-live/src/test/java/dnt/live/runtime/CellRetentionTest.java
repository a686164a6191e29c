package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * {@code dnt-live.cell.retention}: durations of whole 10-minute slots of at least two days, {@code
 * off} or {@code 0} for every slot, the default of {@code dnt-live.conf} 14 days, a bad value
 * refused in one sentence naming the setting (the forecasters' needs: {@code RetentionLiveTest}).
 */
final class CellRetentionTest {
  @Test
  void durationsAreSlotsAndOffHoldsEverything() {
    // 14 days of 144 slots, 50 hours of 6, 2 days
    assertThat(CellRetention.parse("14d").slots()).isEqualTo(2016);
    assertThat(CellRetention.parse("14 days").slots()).isEqualTo(2016);
    assertThat(CellRetention.parse("50h").slots()).isEqualTo(300);
    assertThat(CellRetention.parse("2d").slots()).isEqualTo(288);
    assertThat(CellRetention.parse("2880m").slots()).isEqualTo(288);
    for (String off : new String[] {"off", "OFF", " off ", "0", "0d"}) {
      assertThat(CellRetention.parse(off)).isEqualTo(CellRetention.OFF);
      assertThat(CellRetention.parse(off).enabled()).isFalse();
    }
    assertThat(CellRetention.parse("14d").describe()).isEqualTo("14d");
    assertThat(CellRetention.parse("50h").describe()).isEqualTo("50h");
    assertThat(CellRetention.OFF.describe()).isEqualTo("off");
  }

  @Test
  void theDefaultIsFourteenDays() {
    CellRetention r =
        CellRetention.of(
            ConfigFactory.parseResources(CellRetention.class.getClassLoader(), "dnt-live.conf")
                .resolve());
    assertThat(r.slots()).isEqualTo(14L * 144);
    assertThat(CellRetention.of(ConfigFactory.empty())).isEqualTo(CellRetention.OFF);
  }

  @Test
  void aBadValueIsOneSentenceNamingTheSetting() {
    assertRefused("two weeks", "dnt-live.cell.retention: 'two weeks' is not a duration");
    assertRefused("-3d", "dnt-live.cell.retention: -3d is negative");
    assertRefused("1d", "dnt-live.cell.retention: 1d is shorter than the 2 days");
    assertRefused("2885m", "dnt-live.cell.retention: 2885m is not a whole number of 10-minute");
    // a bare number is milliseconds, as for every Pekko duration
    assertRefused("14", "dnt-live.cell.retention: 14 is not a whole number of 10-minute slots");
  }

  private static void assertRefused(String value, String message) {
    assertThatThrownBy(() -> CellRetention.parse(value))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
