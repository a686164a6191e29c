package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Sizes that cannot fit are refused up front, with the limit and why. */
final class TwinFootprintTest {
  @Test
  void aTwinLargerThanTheMemoryIsRefusedWithTheLargestThatFits() {
    long oneGiB = 1L << 30;
    TwinFootprint f = new TwinFootprint(1_000_000_000L, 5_812);
    assertThatThrownBy(() -> f.requireFits(oneGiB))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("1,000,000,000 users and 5,812 stations")
        .hasMessageContaining("more than the 1.0 GiB of memory available")
        .hasMessageContaining("at most");
    // the largest count it offers does fit, and one more user does not
    long max = f.maxUsers(oneGiB);
    assertThat(max).isPositive().isLessThan(1_000_000_000L);
    new TwinFootprint(max, 5_812).requireFits(oneGiB);
    assertThatThrownBy(() -> new TwinFootprint(max + 1, 5_812).requireFits(oneGiB))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aSnapshotClaimingMoreUsersThanFitIsRefusedBeforeAnythingIsAllocated() throws IOException {
    NetworkTwin twin =
        NetworkTwin.builder(TwinFixtures.freeSpace())
            .station(TwinFixtures.station(1, 500, 500, 30, 10))
            .user(1, 600, 600, 1.5, 1)
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TwinSnapshot.write(twin, out);
    byte[] bytes = out.toByteArray();
    // the user count follows the station records: find the int 1 just before user id 1
    // (the user record starts with the id), i.e. the int at the first user record minus 4
    int userRecord = bytes.length - userTail(twin);
    ByteBuffer.wrap(bytes).putInt(userRecord - 4, Integer.MAX_VALUE);
    assertThatThrownBy(() -> TwinSnapshot.read(new ByteArrayInputStream(bytes)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("2,147,483,647 users")
        .hasMessageContaining("at most");
  }

  /**
   * Bytes from the first user record to the end: one user record (id, 4 doubles, serving, 2
   * doubles, A3 target, A3 time: 4 + 32 + 4 + 16 + 4 + 8 = 68), then one station list (count + one
   * entry) and the cell lists (count, then per cell a count, plus one entry).
   */
  private static int userTail(NetworkTwin twin) {
    return 68 + 4 + 4 + 4 + 4 * twin.cellCount() + 4;
  }
}
