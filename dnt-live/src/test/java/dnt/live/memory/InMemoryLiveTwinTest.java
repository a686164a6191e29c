package dnt.live.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import dnt.data.Service;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.CellTraffic;
import dnt.live.IngestReceipt;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The reference semantics: keyed replacement, atomic refusal, sums over country codes. */
final class InMemoryLiveTwinTest {
  private static final long T0 = 1_383_260_400_000L; // 2013-11-01T00:00 Milan
  private static final long SLOT = 600_000L;

  private static InMemoryLiveTwin twin() {
    return new InMemoryLiveTwin(List.of(CellId.of(5), CellId.of(6)), () -> T0, Duration.ofDays(1));
  }

  private static RawRow row(int cell, long time, int cc, double internet) {
    return new RawRow(cell, time, cc, 0, 0, 0, 0, internet);
  }

  private static double internet(CellTraffic d, int t) {
    return d.value(t, Service.INTERNET);
  }

  @Test
  void aRowSentAgainReplacesTheEarlierOne() throws Exception {
    InMemoryLiveTwin twin = twin();
    List<RawRow> batch = List.of(row(5, T0, 39, 1.5), row(5, T0, 33, 2.25));
    assertThat(twin.ingest(batch).toCompletableFuture().get()).isEqualTo(new IngestReceipt(2, 0));
    assertThat(twin.ingest(batch).toCompletableFuture().get()).isEqualTo(new IngestReceipt(2, 2));
    CellTraffic d =
        twin.traffic(CellId.of(5), T0, T0 + SLOT, Resolution.TEN_MINUTES)
            .toCompletableFuture()
            .get();
    assertThat(internet(d, 0)).isEqualTo(1.5 + 2.25); // exact: both are dyadic fractions
    assertThat(twin.status().rowsAccepted()).isEqualTo(4);
  }

  @Test
  void aBatchWithAnUnknownCellIsRefusedWhole() throws Exception {
    InMemoryLiveTwin twin = twin();
    List<RawRow> batch = List.of(row(5, T0, 39, 1), row(7, T0, 39, 1));
    assertThatThrownBy(() -> twin.ingest(batch).toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("row 2")
        .hasMessageContaining("unknown cell 7");
    CellTraffic d =
        twin.traffic(CellId.of(5), T0, T0 + SLOT, Resolution.TEN_MINUTES)
            .toCompletableFuture()
            .get();
    assertThat(internet(d, 0)).isZero();
    assertThat(twin.status().rowsAccepted()).isZero();
  }

  @Test
  void aSlotFarInTheFutureIsRefused() {
    InMemoryLiveTwin twin = twin();
    long farAhead = T0 + Duration.ofDays(2).toMillis();
    assertThatThrownBy(
            () -> twin.ingest(List.of(row(5, farAhead, 39, 1))).toCompletableFuture().get())
        .hasCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("after the twin's clock");
  }

  @Test
  void aBatchWithANegativeOrNonFiniteValueIsRefusedWhole() throws Exception {
    for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      InMemoryLiveTwin twin = twin();
      List<RawRow> batch = List.of(row(5, T0, 39, 1), row(5, T0, 33, bad));
      assertThatThrownBy(() -> twin.ingest(batch).toCompletableFuture().get())
          .hasCauseInstanceOf(InvalidInputException.class)
          .hasMessageContaining("row 2: internet");
      CellTraffic d =
          twin.traffic(CellId.of(5), T0, T0 + SLOT, Resolution.TEN_MINUTES)
              .toCompletableFuture()
              .get();
      assertThat(internet(d, 0)).isZero();
    }
  }

  /** An hour adds its slots' totals, each over its country codes, as the export does. */
  @Test
  void anHourAddsSlotTotalsNotRows() throws Exception {
    InMemoryLiveTwin twin = twin();
    double a = 606.8017336408379;
    double b = 68.12461849926625;
    double c = 638.4713381046937;
    double e = 949.3954730932436;
    // slot 0 holds a and b, slot 1 holds c and e: (a + b) + (c + e), which differs from the
    // running sum ((a + b) + c) + e of the rows here
    double slotTotals = (a + b) + (c + e);
    assertThat(slotTotals).isNotEqualTo(((a + b) + c) + e);
    twin.ingest(
            List.of(
                row(6, T0, 0, a),
                row(6, T0, 39, b),
                row(6, T0 + SLOT, 0, c),
                row(6, T0 + SLOT, 39, e)))
        .toCompletableFuture()
        .get();
    CellTraffic d =
        twin.traffic(CellId.of(6), T0, T0 + 3_600_000L, Resolution.HOUR)
            .toCompletableFuture()
            .get();
    assertThat(internet(d, 0)).isEqualTo(slotTotals);
  }

  @Test
  void hoursSumTheirSixSlotsAndEmptyStepsAreZero() throws Exception {
    InMemoryLiveTwin twin = twin();
    double expected = 0;
    for (int s = 0; s < 6; s++) {
      twin.ingest(List.of(row(6, T0 + s * SLOT, 39, s + 0.5))).toCompletableFuture().get();
      expected += s + 0.5;
    }
    CellTraffic d =
        twin.traffic(CellId.of(6), T0, T0 + 2 * 3_600_000L, Resolution.HOUR)
            .toCompletableFuture()
            .get();
    assertThat(d.length()).isEqualTo(2);
    assertThat(d.resolution().step()).isEqualTo(Duration.ofHours(1));
    assertThat(internet(d, 0)).isEqualTo(expected); // exact: halves summed below 2^24
    assertThat(internet(d, 1)).isZero();
  }

  @Test
  void trafficOfAnUnknownCellOrMisalignedRangeFails() {
    InMemoryLiveTwin twin = twin();
    assertThatThrownBy(
            () ->
                twin.traffic(CellId.of(9), T0, T0 + SLOT, Resolution.TEN_MINUTES)
                    .toCompletableFuture()
                    .get())
        .hasCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown cell 9");
    assertThatThrownBy(
            () ->
                twin.traffic(CellId.of(5), T0, T0 + SLOT, Resolution.HOUR)
                    .toCompletableFuture()
                    .get())
        .hasCauseInstanceOf(InvalidInputException.class);
  }

  @Test
  void aClosedTwinIsNotReadyAndRefusesBatches() {
    InMemoryLiveTwin twin = twin();
    assertThat(twin.status().ready()).isTrue();
    assertThat(twin.status().cells()).isEqualTo(2);
    twin.close();
    assertThat(twin.status().ready()).isFalse();
    assertThatThrownBy(() -> twin.ingest(List.of(row(5, T0, 39, 1))).toCompletableFuture().get())
        .hasCauseInstanceOf(IllegalStateException.class);
  }
}
