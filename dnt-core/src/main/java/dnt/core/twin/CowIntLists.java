package dnt.core.twin;

import java.util.Arrays;

/**
 * A fixed number of growable int lists (one per grid cell, one per station) that forks share until
 * one side writes a list. Removal swaps the last element into the hole, so callers that need O(1)
 * removal keep each element's slot themselves; {@link #removeAt} returns the element that moved.
 */
final class CowIntLists {
  private static final int[] EMPTY = new int[0];

  private int[][] data;
  private int[] sizes;
  private boolean[] owned;

  CowIntLists(int lists) {
    data = new int[lists][];
    Arrays.fill(data, EMPTY);
    sizes = new int[lists];
    owned = new boolean[lists];
  }

  private CowIntLists(int[][] data, int[] sizes) {
    this.data = data;
    this.sizes = sizes;
    this.owned = new boolean[data.length];
  }

  int lists() {
    return data.length;
  }

  int size(int list) {
    return sizes[list];
  }

  int get(int list, int k) {
    return data[list][k];
  }

  /** The backing array of a list, valid for reading up to {@link #size} until the next write. */
  int[] view(int list) {
    return data[list];
  }

  /** Appends a value and returns its slot. */
  int add(int list, int value) {
    int n = sizes[list];
    int[] a = writable(list, n + 1);
    a[n] = value;
    sizes[list] = n + 1;
    return n;
  }

  /**
   * Removes the element at a slot by moving the last element into it.
   *
   * @return the element now at {@code slot}, or -1 when the removed element was the last
   */
  int removeAt(int list, int slot) {
    int n = sizes[list] - 1;
    int[] a = writable(list, n);
    int moved = -1;
    if (slot != n) {
      moved = a[n];
      a[slot] = moved;
    }
    sizes[list] = n;
    return moved;
  }

  /** Adds a list at the end (for a new station). */
  int addList() {
    int n = data.length;
    data = Arrays.copyOf(data, n + 1);
    data[n] = EMPTY;
    sizes = Arrays.copyOf(sizes, n + 1);
    owned = Arrays.copyOf(owned, n + 1);
    return n;
  }

  private int[] writable(int list, int minLength) {
    int[] a = data[list];
    if (!owned[list] || a.length < minLength) {
      int len = a.length < minLength ? Math.max(4, Math.max(minLength, a.length * 2)) : a.length;
      a = Arrays.copyOf(a, len);
      data[list] = a;
      owned[list] = true;
    }
    return a;
  }

  CowIntLists fork() {
    Arrays.fill(owned, false);
    return new CowIntLists(data.clone(), sizes.clone());
  }
}
