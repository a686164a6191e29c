package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dnt.data.integrity.IntegrityParams;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cell twin as an actor, on Pekko's in-memory journal (which serializes every event through the
 * bound serializer) and the local snapshot store in a temporary folder.
 */
final class CellTwinTest {
  private static final IntegrityParams OFF = new IntegrityParams(288, 36, 6, 3, false);

  @TempDir Path tmp;

  private ActorTestKit kit;

  @BeforeEach
  void start() {
    kit = InMemoryPersistence.kit(tmp);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  private static Observation obs(long slot, int cc, double v) {
    return InMemoryPersistence.obs(slot, cc, v);
  }

  @Test
  void acknowledgesAfterPersistingCountsReplacementsAndRecoversFromSnapshotAndEvents() {
    TestProbe<CellTwin.Ack> acks = kit.createTestProbe();
    TestProbe<CellTwin.SlotTotals> totals = kit.createTestProbe();
    ActorRef<CellTwin.Command> twin = kit.spawn(CellTwin.create("42", 2, OFF, null));
    twin.tell(new CellTwin.Observe(List.of(obs(100, 39, 1), obs(100, 33, 2)), acks.getRef()));
    assertThat(acks.receiveMessage()).isEqualTo(new CellTwin.Ack(2, 0));
    twin.tell(new CellTwin.Observe(List.of(obs(100, 39, 10), obs(101, 39, 1)), acks.getRef()));
    assertThat(acks.receiveMessage()).isEqualTo(new CellTwin.Ack(2, 1));
    // a third event: the snapshot after two and one event after it on recovery
    twin.tell(new CellTwin.Observe(List.of(obs(102, 39, 4)), acks.getRef()));
    assertThat(acks.receiveMessage()).isEqualTo(new CellTwin.Ack(1, 0));
    kit.stop(twin);

    ActorRef<CellTwin.Command> again = kit.spawn(CellTwin.create("42", 2, OFF, null));
    again.tell(new CellTwin.Totals(99, 103, false, totals.getRef()));
    double[][] got = totals.receiveMessage().totals();
    // slot 100: country 39 replaced by 10, plus country 33 at 2 -> 12 on the first service
    assertThat(got[0]).containsExactly(0, 0, 0, 0, 0);
    assertThat(got[1]).containsExactly(12, 24, 36, 48, 60);
    assertThat(got[2]).containsExactly(1, 2, 3, 4, 5);
    assertThat(got[3]).containsExactly(4, 8, 12, 16, 20);
  }
}
