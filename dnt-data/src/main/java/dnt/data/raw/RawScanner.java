package dnt.data.raw;

import dnt.core.CellId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A fast byte-level check of a raw tab-separated file, used before handing the file to a bulk
 * loader. It accepts only the plain shape of the original files: 3 to 8 tab-separated fields per
 * line (a row of 3 has every activity empty: no activity), a cell id in 1..10000, a time that
 * starts a 10-minute slot and a country code made of digits, and value fields made of {@code 0-9 .
 * e E + -} that do not start with {@code -}. It does not explain what is wrong: on the first line
 * that does not fit, it stops and reports the line, and the caller re-reads the file with {@link
 * RawReader} for a precise message. It can compute the MD5 of the (decompressed) bytes in the same
 * pass, and tells whether every key (cell, slot, country code) occurs once with the rows of a
 * (cell, slot) adjacent and in ascending order (as in the original files), so that the store can
 * skip looking for duplicate keys.
 */
public final class RawScanner {
  private static final int BUFFER = 1 << 20;

  /**
   * What the scan saw.
   *
   * @param rows non-blank lines
   * @param bytes bytes read (after decompression)
   * @param firstSuspectLine the first line that does not fit the plain shape, or 0 if none
   * @param md5 lower-case hex MD5 of the bytes, or null when not asked for
   * @param keysInOrder whether no key (cell, slot, country code) can occur twice: the file is a
   *     sequence of runs sorted by (cell, slot), each (cell, slot) in adjacent lines with no
   *     country code twice, and the runs' time ranges are disjoint (as in one original daily file,
   *     or several days concatenated)
   */
  public record Result(
      long rows, long bytes, long firstSuspectLine, @Nullable String md5, boolean keysInOrder) {
    /**
     * Whether every line fits the plain shape.
     *
     * @return true when no line is suspect
     */
    public boolean clean() {
      return firstSuspectLine == 0;
    }
  }

  private RawScanner() {}

  /**
   * Scans a file.
   *
   * @param file a raw file, plain or gzip
   * @param md5 whether to compute the MD5 of the bytes (then the scan reads to the end even after a
   *     suspect line)
   * @return the result
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Result scan(Path file, boolean md5) {
    MessageDigest digest = md5 ? newMd5() : null;
    Lines lines = new Lines();
    byte[] buf = new byte[BUFFER + 1];
    int len = 0;
    long bytes = 0;
    try (InputStream in = RawFiles.open(file)) {
      while (true) {
        int n = in.read(buf, len, BUFFER - len);
        if (n < 0) {
          break;
        }
        if (digest != null) {
          digest.update(buf, len, n);
        }
        bytes += n;
        len += n;
        if (lines.suspect != 0) {
          len = 0;
          continue;
        }
        int done = lines.scan(buf, len);
        if (lines.suspect == 0 && done == 0 && len == BUFFER) {
          lines.suspect = lines.line; // a line longer than the buffer
        }
        if (lines.suspect != 0) {
          len = 0;
          continue;
        }
        System.arraycopy(buf, done, buf, 0, len - done);
        len -= done;
      }
      if (lines.suspect == 0 && len > 0) {
        buf[len] = '\n'; // the last line has no newline
        lines.scan(buf, len + 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new Result(
        lines.rows,
        bytes,
        lines.suspect,
        digest == null ? null : HexFormat.of().formatHex(digest.digest()),
        lines.keysDistinct());
  }

  private static final int INCOMPLETE = -1;
  private static final int MAX_RUNS = 100_000;
  private static final int SUSPECT = -2;
  private static final boolean[] VALUE = new boolean[256];

  static {
    for (char c = '0'; c <= '9'; c++) {
      VALUE[c] = true;
    }
    for (char c : new char[] {'.', 'e', 'E', '+', '-'}) {
      VALUE[c] = true;
    }
  }

  /** Line-by-line state: only whole lines are checked, each inside one buffer. */
  private static final class Lines {
    long rows;
    long line = 1;
    long suspect;
    boolean inOrder = true;
    private long lastCell = -1;
    private long lastTime = -1;
    private int[] codes = new int[16];
    private int codeCount;

    /** Sorted runs of lines, as (first time, last time) pairs; see {@link #keysDistinct()}. */
    private final java.util.List<long[]> runs = new java.util.ArrayList<>();

    private long runMin = Long.MAX_VALUE;
    private long runMax = Long.MIN_VALUE;

    /**
     * Tracks the keys: the file is a sequence of runs, each sorted by (cell, time) with the rows of
     * a (cell, time) adjacent (a day of the original files is one run; days concatenated make one
     * run each). A country code twice in a (cell, time) group is a duplicate key; runs whose time
     * ranges are disjoint cannot share a key.
     */
    private void key(long cell, long time, int cc) {
      if (!inOrder) {
        return;
      }
      if (cell == lastCell && time == lastTime) {
        for (int i = 0; i < codeCount; i++) {
          if (codes[i] == cc) {
            inOrder = false;
            return;
          }
        }
        if (codeCount == codes.length) {
          codes = java.util.Arrays.copyOf(codes, codeCount * 2);
        }
        codes[codeCount++] = cc;
        return;
      }
      if (cell < lastCell || (cell == lastCell && time < lastTime)) {
        if (runs.size() >= MAX_RUNS) {
          inOrder = false; // not sorted runs: let the store look for duplicates
          return;
        }
        runs.add(new long[] {runMin, runMax});
        runMin = Long.MAX_VALUE;
        runMax = Long.MIN_VALUE;
      }
      runMin = Math.min(runMin, time);
      runMax = Math.max(runMax, time);
      lastCell = cell;
      lastTime = time;
      codes[0] = cc;
      codeCount = 1;
    }

    /** Whether no key occurs twice: every run fine and the runs' time ranges disjoint. */
    boolean keysDistinct() {
      if (!inOrder) {
        return false;
      }
      List<long[]> all = new java.util.ArrayList<>(runs);
      if (runMin <= runMax) {
        all.add(new long[] {runMin, runMax});
      }
      all.sort(java.util.Comparator.comparingLong(r -> r[0]));
      for (int i = 1; i < all.size(); i++) {
        if (all.get(i)[0] <= all.get(i - 1)[1]) {
          return false;
        }
      }
      return true;
    }

    /**
     * Checks the complete lines of {@code b[0, end)}.
     *
     * @return the offset of the first byte not consumed (the start of an incomplete line)
     */
    int scan(byte[] b, int end) {
      int p = 0;
      while (p < end) {
        int next = line(b, p, end);
        if (next == INCOMPLETE) {
          return p;
        }
        if (next == SUSPECT) {
          suspect = line;
          return p;
        }
        line++;
        p = next;
      }
      return p;
    }

    /** One line from {@code p}: the offset after its newline, or INCOMPLETE, or SUSPECT. */
    private int line(byte[] b, int p, int end) {
      if (b[p] == '\n') {
        return p + 1; // a blank line
      }
      // cell, time, country code: digits only.
      long cell = 0;
      int q = p;
      while (p < end && isDigit(b[p])) {
        cell = cell * 10 + (b[p++] - '0');
      }
      if (p >= end) {
        return INCOMPLETE;
      }
      if (b[p] != '\t' || p == q || p - q > 5 || cell < 1 || cell > CellId.MAX) {
        return SUSPECT;
      }
      long time = 0;
      q = ++p;
      while (p < end && isDigit(b[p])) {
        time = time * 10 + (b[p++] - '0');
      }
      if (p >= end) {
        return INCOMPLETE;
      }
      if (b[p] != '\t' || p == q || p - q > 18 || time % RawReader.SLOT_MILLIS != 0) {
        return SUSPECT;
      }
      q = ++p;
      long cc = 0;
      while (p < end && isDigit(b[p])) {
        cc = cc * 10 + (b[p++] - '0');
      }
      if (p >= end) {
        return INCOMPLETE;
      }
      if ((b[p] != '\t' && b[p] != '\n') || p == q || p - q > 9) {
        return SUSPECT;
      }
      if (b[p] == '\n') {
        key(cell, time, (int) cc);
        rows++; // three fields: every activity empty
        return p + 1;
      }
      // 1 to 5 value fields of [0-9.eE+-], none starting with '-'.
      for (int fields = 1; fields <= 5; fields++) {
        q = ++p;
        while (p < end && VALUE[b[p] & 0xff]) {
          p++;
        }
        if (p >= end) {
          return INCOMPLETE;
        }
        if (p > q && b[q] == '-') {
          return SUSPECT;
        }
        if (b[p] == '\n') {
          key(cell, time, (int) cc);
          rows++;
          return p + 1;
        }
        if (b[p] != '\t') {
          return SUSPECT;
        }
      }
      return SUSPECT; // a ninth field
    }

    private static boolean isDigit(byte b) {
      return b >= '0' && b <= '9';
    }
  }

  static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no MD5", e);
    }
  }
}
