package dnt.data.prep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.TrafficDataset;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last whole days are the test part; training is everything before, with no overlap. */
final class TrainTestSplitTest {
  private static TrafficDataset hourly(int hours) {
    float[][][] v = new float[1][hours][1];
    for (int t = 0; t < hours; t++) {
      v[0][t][0] = t;
    }
    return TrafficDataset.of(
        List.of(CellId.of(1)), 0, Duration.ofHours(1), List.of(Service.INTERNET), v);
  }

  @Test
  void theLastDaysBecomeTheTestPart() {
    TrainTestSplit.Split split = TrainTestSplit.lastDays(hourly(24 * 5), 2);
    assertThat(split.train().length()).isEqualTo(72);
    assertThat(split.test().length()).isEqualTo(48);
    assertThat(split.test().startMillis()).isEqualTo(Duration.ofHours(72).toMillis());
    assertThat(split.train().series(0, Service.INTERNET)[71]).isEqualTo(71);
    assertThat(split.test().series(0, Service.INTERNET)[0]).isEqualTo(72);
  }

  @Test
  void holdingOutEverythingIsRejected() {
    assertThatThrownBy(() -> TrainTestSplit.lastDays(hourly(48), 2))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no training data");
    assertThatThrownBy(() -> TrainTestSplit.lastDays(hourly(48), 0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aSlotThatDoesNotDivideADayIsRejected() {
    TrafficDataset d =
        TrafficDataset.of(
            List.of(CellId.of(1)),
            0,
            Duration.ofMinutes(7),
            List.of(Service.INTERNET),
            new float[1][1000][1]);
    assertThatThrownBy(() -> TrainTestSplit.lastDays(d, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not divide a day");
  }
}
