package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Cost accounting against hand-computed totals. */
final class CostLedgerTest {
  @Test
  void transferTimeIsBytesOverRatePlusLatencyAndTotalsAdd() {
    CostLedger l = new CostLedger(new LinkModel(0.05));
    // 400 kB at 1 MB/s: 0.4 s + 0.05 s latency
    // a division and an addition per transfer, sums of three: a few ulps of values below 4
    // (ulp(4) = 8.9e-16)
    assertThat(l.transfer("a", 400_000, 1e6, true)).isCloseTo(0.45, within(1e-12));
    assertThat(l.transfer("a", 400_000, 2e6, false)).isCloseTo(0.25, within(1e-12));
    assertThat(l.transfer("b", 1000, 1e3, true)).isCloseTo(1.05, within(1e-12));
    l.compute("a", 1_500_000_000L);
    l.compute("server", 500_000_000L);
    CostLedger.CostSummary s = l.summary();
    assertThat(s.bytesUp()).isEqualTo(401_000);
    assertThat(s.bytesDown()).isEqualTo(400_000);
    assertThat(s.bytes()).isEqualTo(801_000);
    assertThat(s.messages()).isEqualTo(3);
    assertThat(s.participants()).isEqualTo(3);
    assertThat(s.communicationSeconds()).isCloseTo(1.75, within(1e-12));
    assertThat(s.trainingSeconds()).isCloseTo(2.0, within(1e-12));
    assertThat(s.totalSeconds()).isCloseTo(3.75, within(1e-12));
    assertThat(s.plus(s).bytes()).isEqualTo(1_602_000);
  }

  @Test
  void aModelOfDFloatsIsFourDBytes() {
    assertThat(LinkModel.modelBytes(100_929)).isEqualTo(403_716);
  }
}
