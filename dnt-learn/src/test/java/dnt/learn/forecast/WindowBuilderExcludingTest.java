package dnt.learn.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WindowBuilder#buildExcluding}: no sample reads an excluded slot, every other is kept. */
final class WindowBuilderExcludingTest {
  private static final WindowSpec SPEC = new WindowSpec(2, 1, 4, true, false, false);

  @Test
  void leavesOutExactlyTheSamplesThatTouchAnExcludedSlot() {
    float[] x = new float[16];
    for (int i = 0; i < x.length; i++) {
      x[i] = 10 + i;
    }
    BitSet excluded = new BitSet();
    excluded.set(9);
    x[9] = Float.NaN; // never read
    WindowBuilder b = new WindowBuilder(SPEC, 0);

    Windows w = b.buildExcluding(x, excluded, 0, 16, "c");

    // a target t reads t-1, t-2 (closeness) and t-4 (a day of 4 slots); history is 4 slots
    List<Integer> expected = new ArrayList<>();
    for (int t = 4; t < 16; t++) {
      if (t != 9 && t - 1 != 9 && t - 2 != 9 && t - 4 != 9) {
        expected.add(t);
      }
    }
    assertThat(expected).containsExactly(4, 5, 6, 7, 8, 12, 14, 15);
    assertThat(w.count()).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      int t = expected.get(i);
      assertThat(w.target()[i]).isEqualTo(x[t]);
      // newest first: x[t-1], x[t-2]; the period window x[t-4]
      assertThat(w.closeness()[2 * i]).isEqualTo(x[t - 1]);
      assertThat(w.closeness()[2 * i + 1]).isEqualTo(x[t - 2]);
      assertThat(w.period()[i]).isEqualTo(x[t - 4]);
    }
  }

  @Test
  void nothingExcludedIsTheOrdinaryBuild() {
    float[] x = new float[12];
    for (int i = 0; i < x.length; i++) {
      x[i] = i * 0.5f;
    }
    WindowBuilder b = new WindowBuilder(SPEC, 0);
    Windows all = b.buildExcluding(x, new BitSet(), 0, 12, "c");
    Windows plain = b.build(x, 4, 12, "c");
    assertThat(all.target()).containsExactly(plain.target());
    assertThat(all.closeness()).containsExactly(plain.closeness());
    assertThat(all.period()).containsExactly(plain.period());
  }

  @Test
  void everythingExcludedGivesNoSample() {
    float[] x = new float[12];
    BitSet excluded = new BitSet();
    excluded.set(0, 12);
    Windows w = new WindowBuilder(SPEC, 0).buildExcluding(x, excluded, 0, 12, "c");
    assertThat(w.count()).isZero();
  }
}
