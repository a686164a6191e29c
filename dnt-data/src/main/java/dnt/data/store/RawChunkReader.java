package dnt.data.store;

import dnt.data.raw.RawFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Reads a raw tab-separated file (plain or gzip) in numbered chunks of whole lines that several
 * threads can parse at once: a chunk never splits the lines of one (cell, slot), because it ends
 * only where the first two fields (cell and time) of a line differ from those of the line before.
 * The reader itself is sequential (one thread at a time reads, under a lock) and computes the MD5
 * of the bytes on the way when asked; the buffers of parsed chunks are recycled.
 */
final class RawChunkReader implements AutoCloseable {
  /** The nominal chunk size: large enough that the per-chunk bookkeeping is negligible. */
  static final int CHUNK = 8 << 20;

  /** A chunk: whole lines in {@code bytes[0, length)}, the last one ending with a newline. */
  record Chunk(int seq, byte[] bytes, int length) {}

  private final Path file;
  private final InputStream in;
  private final @Nullable MessageDigest md5;
  private final int chunkSize;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private byte[] carry = new byte[0];
  private int carryLength;
  private int seq;
  private long bytes;
  private boolean eof;

  /**
   * Opens a file.
   *
   * @param file the raw file
   * @param md5 whether to compute the MD5 of the (decompressed) bytes
   * @param chunkSize the nominal chunk size in bytes (tests use small ones)
   * @throws UncheckedIOException if it cannot be opened
   */
  RawChunkReader(Path file, boolean md5, int chunkSize) {
    this.file = file;
    this.chunkSize = chunkSize;
    try {
      this.in = RawFiles.open(file);
      this.md5 = md5 ? MessageDigest.getInstance("MD5") : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no MD5", e);
    }
  }

  /**
   * The next chunk, or null at the end of the file.
   *
   * @throws UncheckedIOException if the file cannot be read (a truncated gzip)
   */
  synchronized @Nullable Chunk next() {
    if (eof && carryLength == 0) {
      return null;
    }
    int size = chunkSize;
    while (true) {
      byte[] buf = buffer(Math.max(size, carryLength) + 1);
      System.arraycopy(carry, 0, buf, 0, carryLength);
      int len = carryLength;
      len = fill(buf, len, buf.length - 1);
      if (eof) {
        carryLength = 0;
        if (len == 0) {
          free.push(buf);
          return null;
        }
        if (buf[len - 1] != '\n') {
          buf[len++] = '\n'; // the last line has no newline
        }
        return new Chunk(seq++, buf, len);
      }
      int cut = cut(buf, len);
      if (cut > 0) {
        if (carry.length < len - cut) {
          carry = new byte[Math.max(len - cut, chunkSize)];
        }
        carryLength = len - cut;
        System.arraycopy(buf, cut, carry, 0, carryLength);
        return new Chunk(seq++, buf, cut);
      }
      // No place to cut in a whole chunk (one (cell, slot) of megabytes): read a larger one.
      carry = java.util.Arrays.copyOf(buf, len);
      carryLength = len;
      size = 2 * Math.max(size, len);
    }
  }

  /**
   * Gives back the buffer of a parsed chunk.
   *
   * @param bytes the chunk's buffer
   */
  synchronized void release(byte[] bytes) {
    if (bytes.length == chunkSize + 1 && free.size() < 8) {
      free.push(bytes);
    }
  }

  /** Bytes read so far (after decompression). */
  synchronized long bytes() {
    return bytes;
  }

  /** The MD5 of the bytes, once read to the end; null when not asked for or not at the end. */
  synchronized @Nullable String md5() {
    return md5 == null || !eof ? null : HexFormat.of().formatHex(md5.digest());
  }

  private byte[] buffer(int size) {
    if (size == chunkSize + 1 && !free.isEmpty()) {
      return free.pop();
    }
    return new byte[size];
  }

  private int fill(byte[] buf, int len, int limit) {
    try {
      while (len < limit) {
        int n = in.read(buf, len, limit - len);
        if (n < 0) {
          eof = true;
          break;
        }
        if (md5 != null) {
          md5.update(buf, len, n);
        }
        bytes += n;
        len += n;
      }
      return len;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The last place in {@code b[0, len)} where a chunk may end: the start of a complete line whose
   * cell and time fields differ from those of the complete line before it; 0 if there is none.
   */
  static int cut(byte[] b, int len) {
    int end = len - 1;
    while (end >= 0 && b[end] != '\n') {
      end--;
    }
    if (end < 0) {
      return 0;
    }
    int p = lineStart(b, end);
    while (p > 0) {
      int before = lineStart(b, p - 1);
      if (!sameCellAndTime(b, before, p)) {
        return p;
      }
      p = before;
    }
    return 0;
  }

  /** The start of the line that ends with the newline at {@code newline}. */
  private static int lineStart(byte[] b, int newline) {
    int i = newline - 1;
    while (i >= 0 && b[i] != '\n') {
      i--;
    }
    return i + 1;
  }

  /** Whether the lines at {@code a} and {@code c} start with the same two tab-ended fields. */
  private static boolean sameCellAndTime(byte[] b, int a, int c) {
    int tabs = 0;
    while (true) {
      byte x = b[a++];
      if (x != b[c++] || x == '\n') {
        return false;
      }
      if (x == '\t' && ++tabs == 2) {
        return true;
      }
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // the file was read; nothing to report on close
    }
  }
}
