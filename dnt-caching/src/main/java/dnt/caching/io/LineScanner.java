package dnt.caching.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the lines of a text trace as bytes, as {@code BufferedReader.lines().map(String::trim)}
 * over ISO-8859-1 text gives them (the Caffeine simulator's text readers): a line ends at {@code
 * \n}, {@code \r} or {@code \r\n}, a last line without terminator counts, and each line is trimmed
 * of the bytes 0x00 to 0x20 at both ends. Numbers made of digits only are parsed from the bytes;
 * anything else goes through {@link Long#parseLong}, so the accepted syntax is exactly Java's.
 */
final class LineScanner implements Closeable {
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int limit;
  private int pos;
  private boolean eof;
  private boolean skipLf;
  private long lineNo;
  private int start;
  private int end;

  LineScanner(InputStream in) {
    this.in = in;
  }

  /**
   * Moves to the next line.
   *
   * @return false at the end of the input
   */
  boolean next() throws IOException {
    int scan = pos;
    while (true) {
      if (skipLf) {
        if (scan == limit && !fill()) {
          return false;
        }
        scan = pos;
        if (buf[pos] == '\n') {
          pos++;
          scan = pos;
        }
        skipLf = false;
      }
      while (scan < limit) {
        byte b = buf[scan];
        if (b == '\n' || b == '\r') {
          line(pos, scan);
          pos = scan + 1;
          skipLf = b == '\r';
          return true;
        }
        scan++;
      }
      int scanned = scan - pos;
      if (!fill()) {
        if (limit > pos) {
          line(pos, limit);
          pos = limit;
          return true;
        }
        return false;
      }
      scan = pos + scanned;
    }
  }

  /**
   * The fast path for one key per line: parses the lines that follow, as long as each is 1 to 18
   * ASCII digits ended by {@code \n} and lies wholly in the buffer, into {@code out}; stops before
   * the first other line (any other line goes through {@link #next()}). Each parsed line counts as
   * a line.
   *
   * @param out receives the numbers
   * @param at the first index to fill
   * @param max the most lines to parse
   * @return the number of lines parsed
   */
  int digitLines(long[] out, int at, int max) {
    if (skipLf) {
      return 0;
    }
    byte[] b = buf;
    int lim = limit;
    int p = pos;
    int k = 0;
    while (k < max) {
      int q = p;
      long v = 0;
      while (q < lim) {
        int d = b[q] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        v = v * 10 + d;
        q++;
      }
      if (q == lim || b[q] != '\n' || q == p || q - p > 18) {
        break;
      }
      out[at + k++] = v;
      p = q + 1;
    }
    lineNo += k;
    pos = p;
    return k;
  }

  /**
   * Reads more bytes, keeping the unread ones at the front of the buffer.
   *
   * @return false when nothing more can be read
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int k = in.read(buf, limit, buf.length - limit);
    if (k < 0) {
      eof = true;
      return false;
    }
    limit += k;
    return true;
  }

  private void line(int from, int to) {
    lineNo++;
    while (from < to && (buf[from] & 0xFF) <= ' ') {
      from++;
    }
    while (to > from && (buf[to - 1] & 0xFF) <= ' ') {
      to--;
    }
    start = from;
    end = to;
  }

  /** The number of the current line, from 1. */
  long lineNo() {
    return lineNo;
  }

  /** Whether the trimmed line is empty. */
  boolean isEmpty() {
    return start == end;
  }

  /** The length of the trimmed line. */
  int length() {
    return end - start;
  }

  /** The byte at offset i of the trimmed line. */
  byte at(int i) {
    return buf[start + i];
  }

  /** The trimmed line as text. */
  String text() {
    return text(0, end - start);
  }

  /** Offsets [from, to) of the trimmed line as text. */
  String text(int from, int to) {
    return new String(buf, start + from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** The first offset at or after from that holds the byte b, or the line's length. */
  int indexOf(byte b, int from) {
    for (int i = start + from; i < end; i++) {
      if (buf[i] == b) {
        return i - start;
      }
    }
    return end - start;
  }

  /**
   * Offsets [from, to) of the trimmed line as a long, as {@link Long#parseLong} reads it.
   *
   * @throws NumberFormatException when Long.parseLong refuses it
   */
  long parseLong(int from, int to) {
    int length = to - from;
    if (length > 0 && length <= 18) {
      long v = 0;
      int i = start + from;
      int stop = start + to;
      for (; i < stop; i++) {
        int d = buf[i] - '0';
        if (d < 0 || d > 9) {
          break;
        }
        v = v * 10 + d;
      }
      if (i == stop) {
        return v;
      }
    }
    return Long.parseLong(text(from, to));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
