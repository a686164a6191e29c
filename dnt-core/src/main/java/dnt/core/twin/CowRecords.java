package dnt.core.twin;

import java.util.Arrays;

/**
 * Fixed-width records of doubles (one record per row, {@code width} fields side by side) in chunks
 * of 4096 rows that forks share copy-on-write, like {@link CowInts}. Keeping a row's fields
 * together means that an event reading and updating a user's position, demand, signal and
 * interference touches one or two cache lines instead of one per field.
 */
final class CowRecords {
  private static final int SHIFT = 12;
  private static final int CHUNK = 1 << SHIFT;
  private static final int MASK = CHUNK - 1;

  private final int width;
  private double[][] chunks;
  private boolean[] owned;

  CowRecords(int rows, int width) {
    this.width = width;
    int n = Math.max(1, (rows + CHUNK - 1) >>> SHIFT);
    chunks = new double[n][];
    owned = new boolean[n];
    for (int i = 0; i < n; i++) {
      chunks[i] = new double[CHUNK * width];
      owned[i] = true;
    }
  }

  private CowRecords(double[][] chunks, int width) {
    this.width = width;
    this.chunks = chunks;
    this.owned = new boolean[chunks.length];
  }

  double get(int row, int field) {
    return chunks[row >>> SHIFT][(row & MASK) * width + field];
  }

  void set(int row, int field, double v) {
    int c = row >>> SHIFT;
    double[] chunk = chunks[c];
    if (!owned[c]) {
      chunk = chunk.clone();
      chunks[c] = chunk;
      owned[c] = true;
    }
    chunk[(row & MASK) * width + field] = v;
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

  /** Shares every chunk with a new store; both sides copy a chunk before writing to it. */
  CowRecords fork() {
    Arrays.fill(owned, false);
    return new CowRecords(chunks.clone(), width);
  }
}
