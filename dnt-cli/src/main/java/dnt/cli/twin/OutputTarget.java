package dnt.cli.twin;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where {@code --out} writes, checked before any work is done: the format from the extension
 * ({@code .csv} or {@code .geojson}), the files it names (a CSV output is two files: FILE for the
 * stations and its sibling {@code NAME.users.csv} for the users), none of which may exist unless
 * {@code --overwrite}, and a directory that can hold them. Files are written under temporary names
 * in the target directory and moved into place only when all of them are complete, so a failed
 * command leaves nothing behind.
 *
 * @param option the option's name, for messages
 * @param format the format
 * @param files the files written: the stations file first, then (CSV) the users file
 * @param overwrite whether existing files are replaced
 */
public record OutputTarget(String option, Format format, List<Path> files, boolean overwrite) {
  /** The output formats, by extension. */
  public enum Format {
    /** Two CSV files, stations and users. */
    CSV,
    /** One GeoJSON FeatureCollection of WGS84 points. */
    GEOJSON
  }

  /** Something that writes the output files, given the temporary paths to write to. */
  interface Writer {
    void write(List<Path> temporaries) throws IOException;
  }

  /**
   * Checks an output path.
   *
   * @param option the option's name ({@code --out})
   * @param path the path given
   * @param overwrite whether existing files may be replaced
   * @return the target
   * @throws InvalidInputException for an unknown extension, an existing file without {@code
   *     --overwrite}, or a path whose directory cannot be written
   */
  static OutputTarget of(String option, Path path, boolean overwrite) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    Format format;
    List<Path> files = new ArrayList<>();
    files.add(path);
    if (lower.endsWith(".csv")) {
      format = Format.CSV;
      files.add(path.resolveSibling(name.substring(0, name.length() - 4) + ".users.csv"));
    } else if (lower.endsWith(".geojson")) {
      format = Format.GEOJSON;
    } else {
      throw new InvalidInputException(
          option + " " + path + " must end in .csv (stations and users CSV) or .geojson");
    }
    for (Path f : files) {
      checkFile(option, f, overwrite);
    }
    return new OutputTarget(option, format, List.copyOf(files), overwrite);
  }

  /**
   * Checks one output file before any work is done: not a directory, absent unless {@code
   * overwrite}, in a directory that exists (or can be created) and can be written.
   *
   * @param option the option's name ({@code --save})
   * @param path the path given
   * @param overwrite whether an existing file may be replaced
   * @throws InvalidInputException naming the option and the path
   */
  public static void checkFile(String option, Path path, boolean overwrite) {
    if (Files.isDirectory(path)) {
      throw new InvalidInputException(option + " " + path + " is a directory");
    }
    if (Files.exists(path) && !overwrite) {
      throw new InvalidInputException(
          option + " " + path + " already exists; remove it or add --overwrite");
    }
    Path dir = path.toAbsolutePath().getParent();
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      throw new InvalidInputException(
          option
              + " "
              + path
              + " cannot be written: "
              + (existing == null ? dir : existing)
              + " is not a writable directory");
    }
  }

  /**
   * Writes the files under temporary names in their directory, then moves them into place.
   *
   * @param writer writes one temporary file per entry of {@link #files()}
   * @throws IOException when writing fails for another reason than the path
   */
  void write(Writer writer) throws IOException {
    List<Path> temporaries = new ArrayList<>();
    boolean done = false;
    try {
      Path dir = files.get(0).toAbsolutePath().getParent();
      Files.createDirectories(dir);
      for (Path f : files) {
        temporaries.add(temporarySibling(f));
      }
      writer.write(temporaries);
      for (int i = 0; i < files.size(); i++) {
        move(temporaries.get(i), files.get(i));
      }
      done = true;
    } catch (FileSystemException e) {
      // a path problem (access denied, not a directory, read-only file system): bad input
      throw new InvalidInputException(
          option + " " + files.get(0) + " cannot be written: " + e.getMessage(), e);
    } finally {
      if (!done) {
        for (Path t : temporaries) {
          Files.deleteIfExists(t);
        }
      }
    }
  }

  /**
   * A name for a temporary file beside {@code file} that does not exist yet (created by whoever
   * writes it, so it gets the usual permissions, unlike {@link Files#createTempFile}).
   *
   * @param file the final file
   * @return {@code .NAME.<random>.tmp} in the same directory
   */
  public static Path temporarySibling(Path file) {
    // an absolute file path has a parent (the root is not a file)
    Path dir = Objects.requireNonNull(file.toAbsolutePath().getParent(), "parent folder");
    Path t;
    do {
      t =
          dir.resolve(
              "."
                  + file.getFileName()
                  + "."
                  + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong())
                  + ".tmp");
    } while (Files.exists(t));
    return t;
  }

  /**
   * Moves a complete temporary file into place, atomically where the file system allows.
   *
   * @param from the temporary file
   * @param to the final file
   * @throws IOException if the move fails
   */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
