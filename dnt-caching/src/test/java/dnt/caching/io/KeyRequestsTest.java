package dnt.caching.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** How keys become the items of a single-cache replay. */
final class KeyRequestsTest {
  private static int[] items(KeyRequests r, int n) throws IOException {
    int[] clients = new int[n + 1];
    int[] items = new int[n + 1];
    assertThat(r.read(clients, items)).isEqualTo(n);
    assertThat(clients).containsOnly(0);
    return java.util.Arrays.copyOf(items, n);
  }

  @Test
  void nonNegativeIntKeysAreTheirOwnItems() throws IOException {
    try (KeyRequests r = KeyRequests.of(BinaryKeysTest.keys(7, 0, Integer.MAX_VALUE, 7))) {
      assertThat(r.renumbered()).isFalse();
      assertThat(r.size()).isEqualTo(4);
      assertThat(items(r, 4)).containsExactly(7, 0, Integer.MAX_VALUE, 7);
    }
  }

  @Test
  void otherKeysAreRenumberedInOrderOfFirstRequest() throws IOException {
    // -5 first -> 0, 2^40 -> 1, 3 -> 2; repeats keep their number
    try (KeyRequests r = KeyRequests.of(BinaryKeysTest.keys(-5, 1L << 40, -5, 3, 1L << 40))) {
      assertThat(r.renumbered()).isTrue();
      assertThat(items(r, 5)).containsExactly(0, 1, 0, 2, 1);
    }
    try (KeyRequests r = KeyRequests.of(BinaryKeysTest.keys(1L + Integer.MAX_VALUE, 9))) {
      assertThat(r.renumbered()).isTrue();
      assertThat(items(r, 2)).containsExactly(0, 1);
    }
  }
}
