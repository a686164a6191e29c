package dnt.data.store;

import dnt.core.CellId;
import dnt.data.raw.RawReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses chunks of a raw tab-separated file into one row per (cell, slot), the activity summed over
 * the country codes of the adjacent lines of that (cell, slot), in line order. One parser per
 * thread; each chunk's {@link ChunkSummary} lets the caller check afterwards that no (cell, slot)
 * was split over two places of the file.
 *
 * <p>It accepts only the plain shape of the original files (the shape {@link
 * dnt.data.raw.RawScanner} checks): 3 to 8 tab-separated fields, a cell id in 1..10000, a time that
 * starts a 10-minute slot, a country code of digits, and values of {@code 0-9 . e E + -} that do
 * not start with {@code -} and parse as finite numbers (an empty value is 0). A line that does not
 * fit, or a country code seen twice in one (cell, slot), stops the parse with {@link NotPlain}: the
 * caller then reads the file with the validating {@link RawReader}, which names the line.
 *
 * <p>Values parse exactly as {@link Double#parseDouble} does: a value of at most 15 significant
 * digits and at most 22 decimals is an integer below 2^53 divided by an exact power of ten, so one
 * correctly rounded division gives the nearest double (Clinger, "How to read floating point numbers
 * accurately", PLDI 1990); up to 18 significant digits (the original files have 16 and 17) go to
 * {@link DecimalToDouble} (Eisel-Lemire); anything else to {@link Double#parseDouble}.
 */
final class SlotSumParser {
  private static final long SLOT = RawReader.SLOT_MILLIS;
  private static final double[] POW10 = new double[23];
  private static final boolean[] VALUE = new boolean[256];

  /** Significant digits that fit a long: up to this many go to {@link DecimalToDouble}. */
  private static final int MAX_DIGITS = 18;

  /** Slots below this index (year 7000 and more) go to a bit set, the rest to a hash set. */
  private static final long BITSET_SLOTS = 1L << 31;

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p; // 10^i, exact up to 10^22
      p *= 10;
    }
    for (char c = '0'; c <= '9'; c++) {
      VALUE[c] = true;
    }
    for (char c : new char[] {'.', 'e', 'E', '+', '-'}) {
      VALUE[c] = true;
    }
  }

  /** The parse stopped: the chunk holds a line the parser does not accept, or a repeated key. */
  static final class NotPlain extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotPlain(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * What one chunk held, for the check across chunks.
   *
   * @param seq the chunk's number
   * @param rows non-blank lines
   * @param firstKey the first (cell, slot), as {@link #key}, or -1 for a chunk without a line
   * @param lastKey the last one
   * @param runs the chunk's sorted runs, each {@code {first slot time, last slot time}}: a run ends
   *     where a (cell, slot) comes before the one above it
   */
  record ChunkSummary(int seq, long rows, long firstKey, long lastKey, List<long[]> runs) {}

  private final BitSet slotBits = new BitSet();
  private final Set<Long> farSlots = new HashSet<>();
  private final List<ChunkSummary> summaries = new ArrayList<>();

  private byte[] b = new byte[0];
  private int p;
  private int end;
  private int seq;
  private long rows;
  private long firstKey;
  private long lastKey;
  private List<long[]> runs = new ArrayList<>();
  private long runMin;
  private long runMax;
  private int[] codes = new int[16];
  private int codeCount;

  /** The (cell, slot) of the last group {@link #next()} gave. */
  int cell;

  /** Its slot start, epoch ms. */
  long time;

  /** Its five sums (smsin, smsout, callin, callout, internet). */
  final double[] sums = new double[5];

  /**
   * A key that orders (cell, slot) pairs as the original files do: by cell, then time.
   *
   * @param cell the cell
   * @param slot the slot index ({@code time / 600000})
   * @return the key
   */
  static long key(long cell, long slot) {
    return (cell << 44) | slot; // slot indices below 2^44 (time below 1.0e19 ms)
  }

  /**
   * Starts a chunk (after the previous one is {@link #finish()}ed).
   *
   * @param seq its number
   * @param bytes whole lines, the last ending with a newline
   * @param length the number of bytes
   */
  void start(int seq, byte[] bytes, int length) {
    this.b = bytes;
    this.p = 0;
    this.end = length;
    this.seq = seq;
    this.rows = 0;
    this.firstKey = -1;
    this.lastKey = -1;
    this.runs = new ArrayList<>();
    this.runMin = Long.MAX_VALUE;
    this.runMax = Long.MIN_VALUE;
  }

  /** Ends the current chunk and keeps its summary. */
  void finish() {
    if (runMin <= runMax) {
      runs.add(new long[] {runMin, runMax});
    }
    summaries.add(new ChunkSummary(seq, rows, firstKey, lastKey, runs));
  }

  /** The summaries of the chunks this parser finished. */
  List<ChunkSummary> summaries() {
    return summaries;
  }

  /**
   * Adds the slots this parser saw to {@code out}.
   *
   * @param out slot start times, epoch ms
   */
  void slotsInto(Set<Long> out) {
    for (int i = slotBits.nextSetBit(0); i >= 0; i = slotBits.nextSetBit(i + 1)) {
      out.add(i * SLOT);
    }
    out.addAll(farSlots);
  }

  /**
   * Parses the next (cell, slot) of the chunk into {@link #cell}, {@link #time} and {@link #sums}.
   *
   * @return false at the end of the chunk
   * @throws NotPlain at a line the parser does not accept, or a country code twice in a slot
   */
  boolean next() {
    while (p < end && b[p] == '\n') {
      p++; // blank lines
    }
    if (p >= end) {
      return false;
    }
    java.util.Arrays.fill(sums, 0);
    codeCount = 0;
    long groupCell = -1;
    long groupTime = -1;
    while (p < end) {
      if (b[p] == '\n') {
        p++;
        continue;
      }
      int lineStart = p;
      long c = digits(18);
      if (b[p] != '\t' || p == lineStart || c < 1 || c > CellId.MAX) {
        throw notPlain();
      }
      int q = ++p;
      long t = digits(18);
      if (b[p] != '\t' || p == q || t % SLOT != 0) {
        throw notPlain();
      }
      if (groupCell >= 0 && (c != groupCell || t != groupTime)) {
        p = lineStart; // the next (cell, slot)
        break;
      }
      groupCell = c;
      groupTime = t;
      q = ++p;
      long cc = digits(9);
      if ((b[p] != '\t' && b[p] != '\n') || p == q) {
        throw notPlain();
      }
      code((int) cc);
      for (int field = 0; b[p] == '\t'; field++) {
        if (field == 5) {
          throw notPlain(); // a ninth field
        }
        sums[field] += value(++p);
      }
      p++; // the newline
      rows++;
    }
    if (groupCell < 0) {
      return false;
    }
    cell = (int) groupCell;
    time = groupTime;
    long slot = groupTime / SLOT;
    if (slot < BITSET_SLOTS) {
      slotBits.set((int) slot);
    } else {
      farSlots.add(groupTime);
    }
    track(key(groupCell, slot), groupTime);
    return true;
  }

  /** Follows the sorted runs of the chunk. */
  private void track(long key, long t) {
    if (firstKey < 0) {
      firstKey = key;
    } else if (key < lastKey) {
      runs.add(new long[] {runMin, runMax});
      runMin = Long.MAX_VALUE;
      runMax = Long.MIN_VALUE;
    }
    lastKey = key;
    runMin = Math.min(runMin, t);
    runMax = Math.max(runMax, t);
  }

  /** A country code of the current group; the same one twice is a repeated key. */
  private void code(int cc) {
    for (int i = 0; i < codeCount; i++) {
      if (codes[i] == cc) {
        throw new NotPlain("a country code occurs twice in one (cell, slot)");
      }
    }
    if (codeCount == codes.length) {
      codes = java.util.Arrays.copyOf(codes, 2 * codeCount);
    }
    codes[codeCount++] = cc;
  }

  /** Up to {@code max} digits from {@code p}; more is not plain. */
  private long digits(int max) {
    long v = 0;
    int q = p;
    while (b[p] >= '0' && b[p] <= '9') {
      v = v * 10 + (b[p++] - '0');
    }
    if (p - q > max) {
      throw notPlain();
    }
    return v;
  }

  /**
   * The value field from {@code q}, left at {@link #p} on the tab or newline after it: 0 when
   * empty. Plain decimals are read in the same pass: up to 15 significant digits with Clinger's
   * fast path, up to 18 with {@link DecimalToDouble}; anything else (an exponent, more digits) is
   * scanned and given to {@link Double#parseDouble}.
   */
  private double value(int q) {
    long m = 0;
    int significant = 0;
    int decimals = 0;
    boolean dot = false;
    boolean anyDigit = false;
    int i = q;
    byte ch = b[i];
    while (true) {
      if (ch >= '0' && ch <= '9') {
        anyDigit = true;
        if (m != 0 || ch != '0') {
          significant++;
        }
        if (significant <= MAX_DIGITS) {
          m = m * 10 + (ch - '0');
          if (dot) {
            decimals++;
          }
        }
      } else if (ch == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
      ch = b[++i];
    }
    if ((ch == '\t' || ch == '\n') && significant <= MAX_DIGITS) {
      p = i;
      if (!anyDigit) {
        if (dot) {
          throw notPlain(); // a lone '.'
        }
        return 0; // an empty field: no activity
      }
      if (significant <= 15 && decimals < POW10.length) {
        return decimals == 0 ? (double) m : m / POW10[decimals];
      }
      double v = DecimalToDouble.toDouble(m, -decimals);
      if (!Double.isNaN(v)) {
        return v;
      }
    }
    while (VALUE[b[i] & 0xff]) {
      i++;
    }
    if ((b[i] != '\t' && b[i] != '\n') || b[q] == '-') {
      throw notPlain();
    }
    p = i;
    double v;
    try {
      v = Double.parseDouble(new String(b, q, i - q, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      throw notPlain();
    }
    if (!Double.isFinite(v)) {
      throw notPlain();
    }
    return v + 0.0;
  }

  private NotPlain notPlain() {
    return new NotPlain("a line not in the plain shape of the original files");
  }

  /**
   * Whether no (cell, slot) occurs in two places of the file, from the summaries of all its chunks:
   * chunks are joined in file order (a run goes on across a boundary where the (cell, slot) goes
   * up), each run is sorted by (cell, slot), and runs whose time ranges are disjoint cannot share a
   * (cell, slot). True of the original files (one run) and of days concatenated (one run each).
   *
   * @param chunks the summaries of every chunk, in any order
   * @return true when every (cell, slot) occurs once
   */
  static boolean keysDistinct(List<ChunkSummary> chunks) {
    List<ChunkSummary> ordered = new ArrayList<>(chunks);
    ordered.sort(java.util.Comparator.comparingInt(ChunkSummary::seq));
    List<long[]> all = new ArrayList<>();
    long last = -1;
    long[] open = null;
    for (ChunkSummary c : ordered) {
      if (c.firstKey() < 0) {
        continue;
      }
      List<long[]> runs = c.runs();
      int from = 0;
      if (open != null && c.firstKey() > last) {
        // the run of the previous chunk goes on
        open[0] = Math.min(open[0], runs.get(0)[0]);
        open[1] = Math.max(open[1], runs.get(0)[1]);
        from = 1;
      } else if (open != null && c.firstKey() == last) {
        return false;
      }
      for (int i = from; i < runs.size(); i++) {
        if (open != null) {
          all.add(open);
        }
        open = runs.get(i).clone();
      }
      last = c.lastKey();
    }
    if (open != null) {
      all.add(open);
    }
    all.sort(java.util.Comparator.comparingLong(r -> r[0]));
    for (int i = 1; i < all.size(); i++) {
      if (all.get(i)[0] <= all.get(i - 1)[1]) {
        return false;
      }
    }
    return true;
  }
}
