package dnt.data.raw;

import dnt.core.CellId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A fast byte-level check of a raw tab-separated file, used before handing the file to a bulk
 * loader. It accepts only the plain shape of the original files: 4 to 8 tab-separated fields per
 * line, a cell id in 1..10000, a time that starts a 10-minute slot and a country code made of
 * digits, and value fields made of {@code 0-9 . e E + -} that do not start with {@code -}. It does
 * not explain what is wrong: on the first line that does not fit, it stops and reports the line,
 * and the caller re-reads the file with {@link RawReader} for a precise message. It can compute the
 * MD5 of the (decompressed) bytes in the same pass.
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
   */
  public record Result(long rows, long bytes, long firstSuspectLine, String md5) {
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
    byte[] buf = new byte[BUFFER];
    long rows = 0;
    long bytes = 0;
    long line = 1;
    long suspect = 0;
    // Per-line state.
    int field = 0;
    int fieldLength = 0;
    long number = 0;
    boolean lineEmpty = true;
    try (InputStream in = RawFiles.open(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        bytes += n;
        if (digest != null) {
          digest.update(buf, 0, n);
        }
        if (suspect != 0) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            if (!lineEmpty) {
              if (field < 3 || !endField(field, fieldLength, number)) {
                suspect = line;
                break;
              }
              rows++;
            }
            line++;
            field = 0;
            fieldLength = 0;
            number = 0;
            lineEmpty = true;
          } else if (b == '\t') {
            if (!endField(field, fieldLength, number) || field == 7) {
              suspect = line;
              break;
            }
            field++;
            fieldLength = 0;
            number = 0;
            lineEmpty = false;
          } else {
            lineEmpty = false;
            if (b >= '0' && b <= '9') {
              if (field < 3) {
                if (fieldLength >= 18) {
                  suspect = line;
                  break;
                }
                number = number * 10 + (b - '0');
              }
            } else if (field < 3
                || !(b == '.'
                    || b == 'e'
                    || b == 'E'
                    || b == '+'
                    || (b == '-' && fieldLength > 0))) {
              suspect = line;
              break;
            }
            fieldLength++;
          }
        }
      }
      if (suspect == 0 && !lineEmpty) {
        if (field < 3 || !endField(field, fieldLength, number)) {
          suspect = line;
        } else {
          rows++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new Result(
        rows, bytes, suspect, digest == null ? null : HexFormat.of().formatHex(digest.digest()));
  }

  /** Checks the field that just ended. */
  private static boolean endField(int field, int length, long number) {
    return switch (field) {
      case 0 -> length > 0 && number >= 1 && number <= CellId.MAX;
      case 1 -> length > 0 && number % RawReader.SLOT_MILLIS == 0;
      case 2 -> length > 0 && length <= 9;
      default -> true;
    };
  }

  static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no MD5", e);
    }
  }
}
