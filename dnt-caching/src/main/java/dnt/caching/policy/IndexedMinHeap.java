package dnt.caching.policy;

/**
 * A binary min-heap over slot indices 0..n-1 keyed by a long, with O(log n) key updates: the
 * priority structure behind {@link Lfu} and {@link Belady}.
 */
final class IndexedMinHeap {
  private final int[] heap; // heap position -> slot
  private final int[] pos; // slot -> heap position
  private final long[] key; // slot -> key
  private int size;

  IndexedMinHeap(int n) {
    heap = new int[n];
    pos = new int[n];
    key = new long[n];
  }

  /** Adds a slot that is not in the heap. */
  void add(int slot, long k) {
    key[slot] = k;
    heap[size] = slot;
    pos[slot] = size;
    siftUp(size++);
  }

  /** The slot with the smallest key; the heap must not be empty. */
  int min() {
    return heap[0];
  }

  /** Changes a slot's key. */
  void update(int slot, long k) {
    long old = key[slot];
    key[slot] = k;
    if (k < old) {
      siftUp(pos[slot]);
    } else {
      siftDown(pos[slot]);
    }
  }

  private void siftUp(int i) {
    int slot = heap[i];
    long k = key[slot];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      int p = heap[parent];
      if (key[p] <= k) {
        break;
      }
      heap[i] = p;
      pos[p] = i;
      i = parent;
    }
    heap[i] = slot;
    pos[slot] = i;
  }

  private void siftDown(int i) {
    int slot = heap[i];
    long k = key[slot];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int c = heap[child];
      int right = child + 1;
      if (right < size && key[heap[right]] < key[c]) {
        child = right;
        c = heap[child];
      }
      if (k <= key[c]) {
        break;
      }
      heap[i] = c;
      pos[c] = i;
      i = child;
    }
    heap[i] = slot;
    pos[slot] = i;
  }
}
