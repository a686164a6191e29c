package dnt.core.twin;

import java.util.Arrays;

/**
 * A growable column of ints stored in fixed-size chunks that forks share until one side writes: a
 * fork copies the chunk table (a few hundred references for a million rows), and the first write to
 * a shared chunk copies that chunk only.
 */
final class CowInts {
  static final int SHIFT = 12;
  static final int CHUNK = 1 << SHIFT;
  static final int MASK = CHUNK - 1;

  private int[][] chunks;
  private boolean[] owned;

  CowInts(int capacity) {
    int n = Math.max(1, (capacity + CHUNK - 1) >>> SHIFT);
    chunks = new int[n][];
    owned = new boolean[n];
    for (int i = 0; i < n; i++) {
      chunks[i] = new int[CHUNK];
      owned[i] = true;
    }
  }

  private CowInts(int[][] chunks) {
    this.chunks = chunks;
    this.owned = new boolean[chunks.length];
  }

  int get(int i) {
    return chunks[i >>> SHIFT][i & MASK];
  }

  void set(int i, int v) {
    int c = i >>> SHIFT;
    if (c >= chunks.length) {
      grow(c + 1);
    }
    int[] chunk = chunks[c];
    if (!owned[c]) {
      chunk = chunk.clone();
      chunks[c] = chunk;
      owned[c] = true;
    }
    chunk[i & MASK] = v;
  }

  private void grow(int n) {
    int old = chunks.length;
    int size = Math.max(n, old * 2);
    chunks = Arrays.copyOf(chunks, size);
    owned = Arrays.copyOf(owned, size);
    for (int c = old; c < size; c++) {
      chunks[c] = new int[CHUNK];
      owned[c] = true;
    }
  }

  /** Copies every shared chunk, so that writes from several threads need no copying. */
  void ownAll() {
    for (int c = 0; c < chunks.length; c++) {
      if (!owned[c]) {
        chunks[c] = chunks[c].clone();
        owned[c] = true;
      }
    }
  }

  /** Shares every chunk with a new column; both sides copy a chunk before writing to it. */
  CowInts fork() {
    Arrays.fill(owned, false);
    return new CowInts(chunks.clone());
  }
}
