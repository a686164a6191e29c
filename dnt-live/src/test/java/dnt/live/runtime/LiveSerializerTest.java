package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every journaled type survives the binary format bit for bit. */
final class LiveSerializerTest {
  private final LiveSerializer serializer = new LiveSerializer();

  private Object roundTrip(Object o) {
    return serializer.fromBinary(serializer.toBinary(o), serializer.manifest(o));
  }

  @Test
  void eventsAndCountersRoundTrip() {
    CellTwin.Observed e =
        new CellTwin.Observed(
            List.of(
                new Observation(2_300_000L, 39, 0.1, 0, Double.MIN_VALUE, 1e300, 7),
                new Observation(1, 0, 1, 2, 3, 4, 5)));
    assertThat(roundTrip(e)).isEqualTo(e);
    assertThat(roundTrip(new TwinStats.Counted(123_456_789_012L)))
        .isEqualTo(new TwinStats.Counted(123_456_789_012L));
  }

  @Test
  void aSnapshotRoundTripsThroughTheCellState() {
    CellState s = new CellState();
    s.apply(
        List.of(new Observation(5, 39, 1, 2, 3, 4, 5), new Observation(4, 33, 0.5, 0, 0, 0, 0.25)));
    CellSnapshot back = (CellSnapshot) roundTrip(s.snapshot());
    CellState restored = CellState.of(back);
    assertThat(restored.size()).isEqualTo(2);
    assertThat(restored.totals(4, 6)).isDeepEqualTo(s.totals(4, 6));
    assertThat(back.keys()).containsExactly(Observation.key(4, 33), Observation.key(5, 39));
  }

  @Test
  void anUnknownManifestIsRefusedByName() {
    assertThatThrownBy(() -> serializer.fromBinary(new byte[0], "observed-99"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("observed-99");
  }
}
