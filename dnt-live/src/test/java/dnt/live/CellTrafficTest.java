package dnt.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.data.Service;
import dnt.data.store.Resolution;
import org.junit.jupiter.api.Test;

/** A cell's traffic: validated, copied on the way in and out, its steps timed by resolution. */
final class CellTrafficTest {
  private static final long HOUR = 3_600_000L;

  @Test
  void stepsAreTimedByTheResolutionAndValuesReadByService() {
    double[][] v = {{1, 2, 3, 4, 0.14186425470242922}, {0, 0, 0, 0, 5}};
    CellTraffic t = new CellTraffic(CellId.of(4), 10 * HOUR, Resolution.HOUR, v);
    assertThat(t.length()).isEqualTo(2);
    assertThat(t.timeOf(1)).isEqualTo(11 * HOUR);
    assertThat(t.value(0, Service.INTERNET)).isEqualTo(0.14186425470242922);
    assertThat(t.value(0, Service.CALL_IN)).isEqualTo(3);
    assertThatThrownBy(() -> t.timeOf(2)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void theArrayIsCopiedInAndOut() {
    double[][] v = {{1, 2, 3, 4, 5}};
    CellTraffic t = new CellTraffic(CellId.of(4), 0, Resolution.TEN_MINUTES, v);
    v[0][4] = 99;
    t.values()[0][4] = 98;
    assertThat(t.value(0, Service.INTERNET)).isEqualTo(5);
    assertThat(t).isEqualTo(new CellTraffic(CellId.of(4), 0, Resolution.TEN_MINUTES, t.values()));
    assertThat(t.hashCode())
        .isEqualTo(new CellTraffic(CellId.of(4), 0, Resolution.TEN_MINUTES, t.values()).hashCode());
  }

  @Test
  void badShapesStartsAndValuesAreRefused() {
    CellId c = CellId.of(1);
    assertThatThrownBy(() -> new CellTraffic(c, 0, Resolution.HOUR, new double[][] {{1, 2}}))
        .hasMessageContaining("step 0 holds 2 values");
    assertThatThrownBy(() -> new CellTraffic(c, 600_000L, Resolution.HOUR, new double[0][]))
        .hasMessageContaining("not a non-negative multiple of the hour");
    for (double bad : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(
              () ->
                  new CellTraffic(c, 0, Resolution.TEN_MINUTES, new double[][] {{0, 0, 0, 0, bad}}))
          .hasMessageContaining("not a finite non-negative number");
    }
  }
}
