package dnt.experiments.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.util.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The one seed convention, the order of the results and the progress of the harness. */
final class ReplicationsTest {
  /** A replication's "result": its index, its seed and a draw from a generator of that seed. */
  private record Draw(int index, long seed, long value) {}

  private static Draw draw(Replication r) throws InterruptedException {
    // later replications finish first on a pool: the order of the results must not follow
    Thread.sleep(5L * (r.count() - r.index()));
    RandomGenerator g = Seeds.generator(r.seed());
    return new Draw(r.index(), r.seed(), g.nextLong());
  }

  @Test
  void replicationIOfBaseSeedSUsesSeedSPlusI() {
    List<Draw> out = Replications.run(ReplicationsTest::draw, 40, 3, (d, t, m) -> {});
    assertThat(out).extracting(Draw::seed).containsExactly(40L, 41L, 42L);
    assertThat(out).extracting(Draw::index).containsExactly(0, 1, 2);
    // a run of three seeds from 40 holds the run of one seed from 41 as its second replication
    List<Draw> alone = Replications.run(ReplicationsTest::draw, 41, 1, (d, t, m) -> {});
    assertThat(out.get(1).value()).isEqualTo(alone.get(0).value());
  }

  @Test
  void resultsAreInReplicationOrderAndEqualWhateverTheThreads() throws Exception {
    List<Draw> one = Replications.run(ReplicationsTest::draw, 7, 6, 1, (d, t, m) -> {});
    List<Draw> four = Replications.run(ReplicationsTest::draw, 7, 6, 4, (d, t, m) -> {});
    assertThat(four).isEqualTo(one);
    assertThat(four).extracting(Draw::index).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void progressCountsFinishedReplicationsFromOneInOrder() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Replications.run(
        ReplicationsTest::draw,
        0,
        3,
        3,
        (done, total, m) -> seen.add(done + "/" + total + " " + m));
    assertThat(seen)
        .containsExactly(
            "1/3 replication 1 of 3", "2/3 replication 2 of 3", "3/3 replication 3 of 3");
  }

  @Test
  void aFailingReplicationPassesItsExceptionOnUnchanged() {
    Study<Integer> failing =
        r -> {
          if (r.index() == 1) {
            throw new IllegalArgumentException("bad replication " + r.number());
          }
          return r.index();
        };
    assertThatThrownBy(() -> Replications.run(failing, 0, 3, 2, (d, t, m) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad replication 2");
    assertThatThrownBy(() -> Replications.run(failing, 0, 3, (d, t, m) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad replication 2");
    Study<Integer> checked =
        r -> {
          throw new java.io.IOException("disk full");
        };
    assertThatThrownBy(() -> Replications.run(checked, 5, 1, (d, t, m) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("replication 1 (seed 5)")
        .hasMessageContaining("disk full");
  }

  @Test
  void atLeastOneReplicationAndOneThread() {
    assertThatThrownBy(() -> Replications.of(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Replications.run(r -> 1, 0, 2, 0, (d, t, m) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Replication(2, 0, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
