package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import dnt.core.radio.AttenuatedShannon;
import dnt.core.radio.RateModel;
import dnt.core.radio.Shannon;
import dnt.core.util.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Forks are independent copy-on-write twins; snapshots restore a twin exactly. */
final class ForkAndSnapshotTest {
  private static NetworkTwin twin(long seed) {
    return TwinFixtures.random(
        TwinFixtures.umi(InterferenceFloor.defaults(), seed), 20, 9000, Seeds.generator(seed));
  }

  private static List<Object> state(NetworkTwin t) {
    List<Object> out = new ArrayList<>();
    t.userIds().forEach(u -> out.add(t.user(u)));
    t.stationIds().forEach(s -> out.add(t.station(s)));
    t.userIds().forEach(u -> out.add(t.userSpec(u)));
    return out;
  }

  private static List<TwinEvent> events(NetworkTwin t, long seed, int n) {
    RandomGenerator rng = Seeds.generator(seed);
    List<TwinEvent> out = new ArrayList<>();
    List<UserId> users = t.userIds();
    List<BaseStationId> stations =
        t.stationIds().stream().filter(s -> t.station(s).active()).toList();
    for (int i = 0; i < n; i++) {
      UserId u = users.get(rng.nextInt(users.size()));
      switch (rng.nextInt(4)) {
        case 0 ->
            out.add(
                new TwinEvent.UserMoved(
                    u, new Position(rng.nextDouble(2000), rng.nextDouble(2000)), 200L * i));
        case 1 -> out.add(new TwinEvent.Handover(u, stations.get(rng.nextInt(stations.size()))));
        case 2 -> out.add(new TwinEvent.TrafficObserved(u, rng.nextDouble(3)));
        default ->
            out.add(
                new TwinEvent.PowerChanged(
                    stations.get(rng.nextInt(stations.size())), 20 + rng.nextDouble(20)));
      }
    }
    return out;
  }

  @Test
  void aForkChangesIndependentlyOfItsOriginal() {
    NetworkTwin original = twin(3);
    List<Object> before = state(original);
    NetworkTwin fork = original.fork();
    BaseStationId first = original.stationIds().get(0);
    fork.apply(new TwinEvent.StationRemoved(first));
    events(fork, 5, 30).forEach(fork::apply);
    assertThat(state(original)).isEqualTo(before);
    assertThat(fork.station(first).active()).isFalse();
    // 31 incremental events: the drift bound of IncrementalConsistencyTest (~7e-11 relative)
    FullRecomputation.assertMatches(fork, 1e-9);

    // and the original still evolves on its own, unaffected by the fork's copies
    List<TwinEvent> more = events(original, 6, 30);
    NetworkTwin second = original.fork();
    more.forEach(original::apply);
    more.forEach(second::apply);
    assertThat(state(second)).isEqualTo(state(original));
    assertThat(fork.station(first).active()).isFalse();
    assertThat(original.station(first).active()).isTrue();
  }

  @Test
  void aSnapshotRestoresTheTwinExactly() throws IOException {
    NetworkTwin original = twin(11);
    events(original, 12, 40).forEach(original::apply);
    original.apply(new TwinEvent.StationRemoved(original.stationIds().get(3)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TwinSnapshot.write(original, bytes);
    NetworkTwin restored = TwinSnapshot.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(state(restored)).isEqualTo(state(original));
    assertThat(restored.config()).isEqualTo(original.config());

    for (TwinEvent e : events(original, 13, 40)) {
      TwinDelta a = original.apply(e);
      TwinDelta b = restored.apply(e);
      assertThat(b.userChanges()).isEqualTo(a.userChanges());
      assertThat(b.stationChanges()).isEqualTo(a.stationChanges());
    }
    assertThat(state(restored)).isEqualTo(state(original));
  }

  @Test
  void aSnapshotKeepsTheRateModelAndItsParameters() throws IOException {
    for (RateModel rate : List.of(new Shannon(), new AttenuatedShannon(0.75, -6.5, 5.1))) {
      TwinConfig config = TwinFixtures.umi(InterferenceFloor.defaults(), 2).withRate(rate);
      NetworkTwin original = TwinFixtures.random(config, 5, 50, Seeds.generator(2));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      TwinSnapshot.write(original, bytes);
      NetworkTwin restored = TwinSnapshot.read(new ByteArrayInputStream(bytes.toByteArray()));
      assertThat(restored.config().rate()).isEqualTo(rate);
      assertThat(state(restored)).isEqualTo(state(original));
    }
  }

  @Test
  void aDamagedSnapshotIsRejectedWithAReason() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TwinSnapshot.write(twin(1), bytes);
    byte[] data = bytes.toByteArray();
    assertThatThrownBy(
            () -> TwinSnapshot.read(new ByteArrayInputStream(Arrays.copyOf(data, data.length / 2))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("truncated");
    byte[] bad = data.clone();
    bad[0] = 'X';
    assertThatThrownBy(() -> TwinSnapshot.read(new ByteArrayInputStream(bad)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not a dnt twin snapshot");
  }
}
