package dnt.caching.rl;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/** A fixed-capacity experience replay buffer (oldest transitions overwritten first). */
final class ReplayBuffer {
  /**
   * One transition: the chosen action's feature row, the outcome that holds its shaped reward, and
   * the next state's candidate rows (null when terminal) with its admission mask. The reward stays
   * mutable after insertion, because eviction regret arrives later than the next decision.
   */
  static final class Transition {
    final float[] row;
    final Outcome outcome;
    float @Nullable [] nextRows;
    int nextCount;
    boolean nextMaskAdmit;

    Transition(float[] row, Outcome outcome) {
      this.row = row;
      this.outcome = outcome;
    }
  }

  private final List<Transition> items;
  private final int capacity;
  private int next;

  ReplayBuffer(int capacity) {
    this.capacity = capacity;
    this.items = new ArrayList<>(capacity);
  }

  void add(Transition t) {
    if (items.size() < capacity) {
      items.add(t);
    } else {
      items.set(next, t);
    }
    next = (next + 1) % capacity;
  }

  int size() {
    return items.size();
  }

  Transition sample(RandomGenerator random) {
    return items.get(random.nextInt(items.size()));
  }
}
