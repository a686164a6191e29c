package dnt.data.raw;

import dnt.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Opening raw files (gzip detected by its magic number) and expanding folders. */
public final class RawFiles {
  private static final int BUFFER = 1 << 16;

  private RawFiles() {}

  /**
   * Opens a file for reading, decompressing it if it starts with the gzip magic number.
   *
   * @param file the file
   * @return a buffered stream of the (decompressed) bytes
   * @throws IOException if it cannot be read
   */
  public static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    if (isGzip(file)) {
      return new GZIPInputStream(in, BUFFER);
    }
    return in;
  }

  /**
   * Whether the file starts with the gzip magic number {@code 1f 8b}.
   *
   * @param file the file
   * @return true for gzip
   * @throws IOException if it cannot be read
   */
  public static boolean isGzip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  /**
   * The file name without a trailing {@code .gz}.
   *
   * @param file the file
   * @return e.g. {@code sms-call-internet-mi-2013-11-01.txt}
   */
  public static String plainName(Path file) {
    String name = file.getFileName().toString();
    return name.toLowerCase(Locale.ROOT).endsWith(".gz")
        ? name.substring(0, name.length() - 3)
        : name;
  }

  /**
   * Expands the arguments of an ingest: files are kept, folders give their {@code .txt}, {@code
   * .csv}, {@code .tsv} files (optionally {@code .gz}), sorted by name.
   *
   * @param paths files and folders
   * @return the files, in order
   * @throws InvalidInputException if a path does not exist or a folder holds no data file
   */
  public static List<Path> expand(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        List<Path> inside;
        try (Stream<Path> s = Files.list(p)) {
          inside = s.filter(Files::isRegularFile).filter(RawFiles::isDataFile).sorted().toList();
        } catch (IOException e) {
          throw new InvalidInputException("cannot list the folder " + p + ": " + e.getMessage(), e);
        }
        if (inside.isEmpty()) {
          throw new InvalidInputException(
              "the folder " + p + " holds no .txt, .csv or .tsv file (plain or .gz)");
        }
        out.addAll(inside);
      } else if (Files.isRegularFile(p)) {
        if (!Files.isReadable(p)) {
          throw new InvalidInputException("the file " + p + " is not readable");
        }
        out.add(p);
      } else {
        throw new InvalidInputException(
            "no such file or folder: " + p, new NoSuchFileException(p.toString()));
      }
    }
    return out;
  }

  private static boolean isDataFile(Path p) {
    String name = plainName(p).toLowerCase(Locale.ROOT);
    return name.endsWith(".txt") || name.endsWith(".csv") || name.endsWith(".tsv");
  }
}
