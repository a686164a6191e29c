package dnt.caching.io;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The keys of a text trace whose every line gives a run of consecutive keys: one key (the LIRS
 * format) or a start and a length (the ARC format). Opening reads the file once to check every line
 * and count the keys; reading goes through it a second time. Memory does not grow with the trace.
 */
final class TextKeyStream implements KeyStream {
  /** Reads one line: a run of keys, or none. */
  interface LineFormat {
    /**
     * Parses the current line of the scanner.
     *
     * @param line the scanner, on the line
     * @param run receives the first key at [0] and the number of keys at [1], 0 to skip the line
     * @param source the file name for messages
     * @throws InvalidInputException naming the line when it is malformed
     */
    void parse(LineScanner line, long[] run, String source);
  }

  private final Path file;
  private final LineFormat format;
  private final long count;
  private final long min;
  private final long max;
  private final long[] run = new long[2];
  private final LineScanner scanner;
  private final boolean fast;
  private long nextKey;
  private long remaining;

  private TextKeyStream(Path file, LineFormat format) throws IOException {
    this.file = file;
    this.format = format;
    long n = 0;
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    boolean fast = format == LIRS;
    long[] scratch = new long[fast ? 1 << 12 : 0];
    try (LineScanner s = new LineScanner(open(file))) {
      while (true) {
        if (fast) {
          for (int k = s.digitLines(scratch, 0, scratch.length);
              k > 0;
              k = s.digitLines(scratch, 0, scratch.length)) {
            n += k;
            for (int i = 0; i < k; i++) {
              lo = Math.min(lo, scratch[i]);
              hi = Math.max(hi, scratch[i]);
            }
          }
        }
        if (!s.next()) {
          break;
        }
        format.parse(s, run, file.toString());
        if (run[1] > 0) {
          n = Math.addExact(n, run[1]);
          lo = Math.min(lo, run[0]);
          hi = Math.max(hi, run[0] + run[1] - 1);
        }
      }
    } catch (ArithmeticException e) {
      throw new InvalidInputException(file + " has more than " + Long.MAX_VALUE + " requests");
    }
    count = n;
    min = n == 0 ? 0 : lo;
    max = n == 0 ? 0 : hi;
    scanner = new LineScanner(open(file));
    this.fast = fast;
  }

  /**
   * Opens a text trace.
   *
   * @param file the file
   * @param format how to read a line
   * @return the stream, checked and counted
   * @throws IOException when reading fails
   * @throws InvalidInputException naming the first malformed line, or when the file is missing
   */
  static KeyStream open(Path file, LineFormat format) throws IOException {
    return new TextKeyStream(file, format);
  }

  private static InputStream open(Path file) throws IOException {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + " does not exist");
    }
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public long minKey() {
    return min;
  }

  @Override
  public long maxKey() {
    return max;
  }

  @Override
  public int read(long[] keys) throws IOException {
    int k = 0;
    while (k < keys.length) {
      if (remaining == 0) {
        if (fast) {
          k += scanner.digitLines(keys, k, keys.length - k);
          if (k == keys.length) {
            break;
          }
        }
        if (!scanner.next()) {
          break;
        }
        format.parse(scanner, run, file.toString());
        nextKey = run[0];
        remaining = run[1];
        continue;
      }
      int take = (int) Math.min(remaining, keys.length - k);
      for (int j = 0; j < take; j++) {
        keys[k++] = nextKey++;
      }
      remaining -= take;
    }
    return k;
  }

  @Override
  public void close() throws IOException {
    scanner.close();
  }

  /**
   * The LIRS format, as the Caffeine simulator's {@code LirsTraceReader} reads it: one key per line
   * (a Java long); empty lines and lines holding only {@code *} are skipped.
   */
  static final LineFormat LIRS =
      (line, run, source) -> {
        run[1] = 0;
        if (line.isEmpty() || (line.length() == 1 && line.at(0) == '*')) {
          return;
        }
        try {
          run[0] = line.parseLong(0, line.length());
        } catch (NumberFormatException e) {
          throw new InvalidInputException(
              source
                  + " line "
                  + line.lineNo()
                  + ": '"
                  + line.text()
                  + "' is not a key (a whole number, one per line)");
        }
        run[1] = 1;
      };

  /**
   * The ARC format, as the Caffeine simulator's {@code ArcTraceReader} reads it: each line is split
   * at single spaces into a start key (a Java long), a length (a Java int) and anything else, and
   * gives the keys start, start + 1, ..., start + length - 1. Unlike Caffeine, which gives no keys
   * for a negative length, a negative length or a run past the largest long is refused.
   */
  static final LineFormat ARC =
      (line, run, source) -> {
        int firstSpace = line.indexOf((byte) ' ', 0);
        if (firstSpace == line.length()) {
          throw new InvalidInputException(
              source
                  + " line "
                  + line.lineNo()
                  + ": expected 'start length ...' separated by single spaces, got '"
                  + line.text()
                  + "'");
        }
        int secondSpace = line.indexOf((byte) ' ', firstSpace + 1);
        long start;
        long length;
        try {
          start = line.parseLong(0, firstSpace);
        } catch (NumberFormatException e) {
          throw new InvalidInputException(
              source
                  + " line "
                  + line.lineNo()
                  + ": start '"
                  + line.text(0, firstSpace)
                  + "' is not a whole number");
        }
        try {
          length = Integer.parseInt(line.text(firstSpace + 1, secondSpace));
        } catch (NumberFormatException e) {
          throw new InvalidInputException(
              source
                  + " line "
                  + line.lineNo()
                  + ": length '"
                  + line.text(firstSpace + 1, secondSpace)
                  + "' is not a whole number of at most "
                  + Integer.MAX_VALUE);
        }
        if (length < 0) {
          throw new InvalidInputException(
              source + " line " + line.lineNo() + ": length " + length + " is negative");
        }
        if (length > 0 && start > Long.MAX_VALUE - (length - 1)) {
          throw new InvalidInputException(
              source
                  + " line "
                  + line.lineNo()
                  + ": the run "
                  + start
                  + " + "
                  + length
                  + " goes past the largest key "
                  + Long.MAX_VALUE);
        }
        run[0] = start;
        run[1] = length;
      };
}
