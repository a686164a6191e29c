package dnt.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Service names round-trip through their column names, case-insensitively. */
final class ServiceTest {
  @Test
  void columnsFollowTheRawFileOrder() {
    assertThat(Service.all())
        .extracting(Service::column)
        .containsExactly("smsin", "smsout", "callin", "callout", "internet");
  }

  @Test
  void parseAcceptsEveryColumnNameInAnyCase() {
    for (Service s : Service.values()) {
      assertThat(Service.parse(s.column())).isEqualTo(s);
      assertThat(Service.parse(" " + s.column().toUpperCase() + " ")).isEqualTo(s);
    }
  }

  @Test
  void parseRejectsAnUnknownNameListingTheValidOnes() {
    assertThatThrownBy(() -> Service.parse("mms"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("mms")
        .hasMessageContaining("internet");
  }
}
