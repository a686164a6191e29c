package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A build reports progress in users, counting from the first finished block up to the total. */
final class BuildProgressTest {
  private record Update(long done, long total, String message) {}

  @Test
  void aBuildCountsTheUsersOfEachStepFromOneBlockToAll() {
    int users = 150_000;
    NetworkTwinBuilder b = NetworkTwin.builder(TwinFixtures.freeSpace());
    b.station(TwinFixtures.station(1, 500, 500, 30, 100));
    b.station(TwinFixtures.station(2, 1500, 1500, 30, 100));
    SplittableRandom rng = new SplittableRandom(5);
    for (int u = 0; u < users; u++) {
      b.user(u, rng.nextDouble(2000), rng.nextDouble(2000), 1.5, 0.1);
    }
    List<Update> updates = new ArrayList<>();
    b.build((done, total, message) -> updates.add(new Update(done, total, message)));

    assertThat(updates).isNotEmpty();
    assertThat(updates).allSatisfy(u -> assertThat(u.total()).isEqualTo(users));
    assertThat(updates).allSatisfy(u -> assertThat(u.done()).isBetween(1L, (long) users));
    assertThat(updates.get(0).message()).startsWith("step 1 of 2");
    assertThat(updates.get(updates.size() - 1).message()).startsWith("step 2 of 2");
    assertThat(updates.get(updates.size() - 1).done()).isEqualTo(users);
    // within a step the count only grows, and each step ends at every user
    for (String step : List.of("step 1 of 2", "step 2 of 2")) {
      List<Long> done =
          updates.stream().filter(u -> u.message().startsWith(step)).map(Update::done).toList();
      assertThat(done).isSorted().doesNotHaveDuplicates().endsWith((long) users);
      assertThat(done.size()).as("several reports for %d users", users).isGreaterThan(1);
    }
  }
}
