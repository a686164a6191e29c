package dnt.caching.io;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * dnt's compact binary trace of keys (one key per request, a single cache), for traces too large
 * for text. Version 1, all integers big-endian:
 *
 * <pre>
 * offset size  field
 *      0    4  magic: the ASCII bytes "DNTK" (0x44 0x4E 0x54 0x4B)
 *      4    1  version: 1
 *      5    1  key encoding: 0 = fixed, 1 = varint
 *      6    2  reserved: 0
 *      8    8  count: the number of keys, n &gt;= 0
 *     16    8  the smallest key (0 when n = 0)
 *     24    8  the largest key (0 when n = 0)
 *     32       n keys, then the end of the file
 * </pre>
 *
 * A fixed key is 8 bytes, a two's complement long. A varint key is the key zigzag-encoded ({@code
 * (k << 1) ^ (k >> 63)}, so that small negative keys stay small) and then written as unsigned
 * LEB128: seven bits per byte, least significant group first, the high bit set on every byte but
 * the last (1 to 10 bytes). Why: item ids of a catalogue of a million take 1 to 3 bytes instead of
 * 8 (a 10-million-request Zipf trace is about 25 MB, against about 50 MB as text and 147 MB as
 * {@code time,client,item} CSV) and decode with a few shifts and no parsing; hashed 64-bit keys
 * would take 9 or 10 varint bytes, so the writer picks fixed keys when a key needs more than 7. The
 * count and the key range in the header let a reader size its time series and choose its item
 * mapping without a first pass, and let it detect truncated or padded files.
 */
public final class BinaryKeys {
  /** The magic bytes. */
  static final byte[] MAGIC = {'D', 'N', 'T', 'K'};

  /** The format version this class reads and writes. */
  public static final int VERSION = 1;

  /** The header length in bytes. */
  public static final int HEADER_BYTES = 32;

  /** How keys are written. */
  public enum Encoding {
    /** 8 bytes a key. */
    FIXED,
    /** Zigzag, then unsigned LEB128: 1 to 10 bytes a key. */
    VARINT
  }

  private BinaryKeys() {}

  /**
   * The encoding the writer picks for keys in [min, max]: varint when every key takes at most 7
   * varint bytes (zigzag value below 2^49), fixed otherwise.
   *
   * @param min the smallest key
   * @param max the largest key
   * @return the encoding
   */
  public static Encoding encodingFor(long min, long max) {
    long limit = 1L << 49;
    return Long.compareUnsigned(zigzag(min), limit) < 0
            && Long.compareUnsigned(zigzag(max), limit) < 0
        ? Encoding.VARINT
        : Encoding.FIXED;
  }

  private static long zigzag(long k) {
    return (k << 1) ^ (k >> 63);
  }

  /**
   * Writes every key of a stream, with the encoding {@link #encodingFor} picks.
   *
   * @param keys the keys, read to the end
   * @param out the destination, not closed
   * @throws IOException when reading or writing fails
   */
  public static void write(KeyStream keys, OutputStream out) throws IOException {
    write(keys, out, encodingFor(keys.minKey(), keys.maxKey()));
  }

  /**
   * Writes every key of a stream.
   *
   * @param keys the keys, read to the end
   * @param out the destination, not closed
   * @param encoding the key encoding
   * @throws IOException when reading or writing fails
   */
  public static void write(KeyStream keys, OutputStream out, Encoding encoding) throws IOException {
    byte[] buf = new byte[1 << 16];
    System.arraycopy(MAGIC, 0, buf, 0, 4);
    buf[4] = VERSION;
    buf[5] = (byte) encoding.ordinal();
    buf[6] = 0;
    buf[7] = 0;
    putLong(buf, 8, keys.count());
    putLong(buf, 16, keys.count() == 0 ? 0 : keys.minKey());
    putLong(buf, 24, keys.count() == 0 ? 0 : keys.maxKey());
    int p = HEADER_BYTES;
    long[] batch = new long[1 << 13];
    for (int k = keys.read(batch); k > 0; k = keys.read(batch)) {
      for (int i = 0; i < k; i++) {
        if (p > buf.length - 10) {
          out.write(buf, 0, p);
          p = 0;
        }
        long key = batch[i];
        if (encoding == Encoding.FIXED) {
          putLong(buf, p, key);
          p += 8;
        } else {
          long v = zigzag(key);
          while ((v & ~0x7FL) != 0) {
            buf[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
          }
          buf[p++] = (byte) v;
        }
      }
    }
    out.write(buf, 0, p);
    out.flush();
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  /**
   * Opens a binary trace and checks its header.
   *
   * @param file the file
   * @return the keys
   * @throws IOException when reading fails
   * @throws InvalidInputException when the file is missing, not a dnt binary trace, of another
   *     version, or its header is inconsistent; a truncated or padded body or a key outside the
   *     header's range is reported while reading
   */
  public static KeyStream open(Path file) throws IOException {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + " does not exist");
    }
    try {
      return new Reader(in, file.toString());
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }

  private static final class Reader implements KeyStream {
    private final InputStream in;
    private final String source;
    private final boolean varint;
    private final long count;
    private final long min;
    private final long max;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long read;
    private long offset = HEADER_BYTES;

    Reader(InputStream in, String source) throws IOException {
      this.in = in;
      this.source = source;
      byte[] h = in.readNBytes(HEADER_BYTES);
      if (h.length < 4 || h[0] != 'D' || h[1] != 'N' || h[2] != 'T' || h[3] != 'K') {
        throw new InvalidInputException(
            source + " is not a dnt binary trace (it does not start with the bytes DNTK)");
      }
      if (h.length < HEADER_BYTES) {
        throw new InvalidInputException(
            source
                + " is truncated: its header has "
                + h.length
                + " bytes, a dnt binary trace's has "
                + HEADER_BYTES);
      }
      if (h[4] != VERSION) {
        throw new InvalidInputException(
            source
                + " is a dnt binary trace of version "
                + h[4]
                + "; this reader reads "
                + VERSION);
      }
      if (h[5] != 0 && h[5] != 1) {
        throw new InvalidInputException(
            source + ": unknown key encoding " + h[5] + " (0 = fixed, 1 = varint)");
      }
      varint = h[5] == 1;
      count = getLong(h, 8);
      min = getLong(h, 16);
      max = getLong(h, 24);
      if (h[6] != 0 || h[7] != 0 || count < 0 || min > max || (count == 0 && (min | max) != 0)) {
        throw new InvalidInputException(
            String.format(
                Locale.ROOT,
                "%s: inconsistent header (reserved bytes %d %d, count %d, keys %d to %d)",
                source,
                h[6],
                h[7],
                count,
                min,
                max));
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
      while (k < keys.length && read < count) {
        if (limit - pos < 10 && !eof) {
          fill();
        }
        if (pos == limit) {
          throw truncated();
        }
        long key;
        int at = pos;
        if (varint) {
          long v = 0;
          int shift = 0;
          while (true) {
            if (at == limit) {
              throw truncated();
            }
            byte b = buf[at++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
              break;
            }
            shift += 7;
            if (shift > 63) {
              throw new InvalidInputException(
                  source
                      + ": key "
                      + (read + 1)
                      + " at byte "
                      + offset
                      + " is longer than 10 bytes");
            }
          }
          key = (v >>> 1) ^ -(v & 1);
        } else {
          if (limit - at < 8) {
            throw truncated();
          }
          key = getLong(buf, at);
          at += 8;
        }
        if (key < min || key > max) {
          throw new InvalidInputException(
              String.format(
                  Locale.ROOT,
                  "%s: key %d (request %d, byte %d) is outside the header's range %d to %d",
                  source,
                  key,
                  read + 1,
                  offset,
                  min,
                  max));
        }
        offset += at - pos;
        pos = at;
        keys[k++] = key;
        read++;
      }
      if (read == count && k < keys.length) {
        if (pos < limit || (!eof && in.read() >= 0)) {
          throw new InvalidInputException(
              source + " has bytes after its " + count + " keys (from byte " + offset + ")");
        }
      }
      return k;
    }

    private InvalidInputException truncated() {
      return new InvalidInputException(
          source + " is truncated: its header announces " + count + " keys, it holds " + read);
    }

    private void fill() throws IOException {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
      while (limit < buf.length) {
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) {
          eof = true;
          return;
        }
        limit += r;
        if (limit >= 10) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
