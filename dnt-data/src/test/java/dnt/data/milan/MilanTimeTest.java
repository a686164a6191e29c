package dnt.data.milan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** ISO times with an offset are absolute; without one they are Milan local time. */
final class MilanTimeTest {
  private static final long NOV_1_MIDNIGHT_CET = 1_383_260_400_000L;

  @Test
  void everyAcceptedFormNamesTheSameInstant() {
    assertThat(MilanTime.parse("2013-11-01")).isEqualTo(NOV_1_MIDNIGHT_CET);
    assertThat(MilanTime.parse("2013-11-01T00:00")).isEqualTo(NOV_1_MIDNIGHT_CET);
    assertThat(MilanTime.parse("2013-10-31T23:00Z")).isEqualTo(NOV_1_MIDNIGHT_CET);
    assertThat(MilanTime.parse("2013-11-01T00:00+01:00")).isEqualTo(NOV_1_MIDNIGHT_CET);
    assertThat(MilanTime.format(NOV_1_MIDNIGHT_CET)).isEqualTo("2013-11-01T00:00+01:00");
  }

  @Test
  void somethingElseIsRejectedWithAnExample() {
    assertThatThrownBy(() -> MilanTime.parse("1/11/2013"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ISO-8601");
  }
}
