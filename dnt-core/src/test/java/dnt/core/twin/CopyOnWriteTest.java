package dnt.core.twin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The copy-on-write stores behind forks: a write on either side never shows on the other. */
final class CopyOnWriteTest {
  @Test
  void recordsForkIndependently() {
    CowRecords a = new CowRecords(10_000, 3);
    a.set(9_999, 2, 7.0);
    CowRecords b = a.fork();
    b.set(9_999, 2, 8.0);
    a.set(0, 0, 1.0);
    assertThat(a.get(9_999, 2)).isEqualTo(7.0);
    assertThat(b.get(9_999, 2)).isEqualTo(8.0);
    assertThat(b.get(0, 0)).isZero();
  }

  @Test
  void intsForkIndependentlyAndGrow() {
    CowInts a = new CowInts(10);
    a.set(3, 5);
    CowInts b = a.fork();
    b.set(3, 6);
    b.set(10_000, 1);
    assertThat(a.get(3)).isEqualTo(5);
    assertThat(b.get(3)).isEqualTo(6);
    assertThat(b.get(10_000)).isEqualTo(1);
  }

  @Test
  void listsSwapTheLastElementIntoARemovedSlotAndForkIndependently() {
    CowIntLists a = new CowIntLists(2);
    a.add(0, 10);
    a.add(0, 11);
    a.add(0, 12);
    CowIntLists b = a.fork();
    assertThat(b.removeAt(0, 0)).isEqualTo(12);
    assertThat(b.size(0)).isEqualTo(2);
    assertThat(b.get(0, 0)).isEqualTo(12);
    assertThat(a.size(0)).isEqualTo(3);
    assertThat(a.get(0, 0)).isEqualTo(10);
    assertThat(a.removeAt(0, 2)).isEqualTo(-1);
    assertThat(b.addList()).isEqualTo(2);
    assertThat(a.lists()).isEqualTo(2);
  }
}
