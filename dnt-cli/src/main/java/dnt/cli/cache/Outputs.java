package dnt.cli.cache;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The output files of one cache command, written all or nothing: each goes to a temporary name in
 * its target directory and all move into place only when every one was written, so a failed command
 * leaves nothing behind.
 */
final class Outputs {
  /** Writes one file. */
  @FunctionalInterface
  interface Writer {
    /**
     * Writes the content.
     *
     * @param file where to write it
     * @throws IOException when writing fails
     */
    void write(Path file) throws IOException;
  }

  private final Map<Path, Writer> files = new LinkedHashMap<>();

  /**
   * Adds a file; a directory at its path is bad input, named with its option.
   *
   * @param option the option that named the file, for messages
   * @param target the file
   * @param writer what writes it
   * @return this
   */
  Outputs add(String option, Path target, Writer writer) {
    check(option, target);
    files.put(target, writer);
    return this;
  }

  /**
   * Refuses an output path that is a directory (call it before any work).
   *
   * @param option the option that named the file
   * @param target the file, or null when the option was not given
   */
  static void check(String option, @Nullable Path target) {
    if (target != null && Files.isDirectory(target)) {
      throw new InvalidInputException(option + " " + target + " is a directory, not a file");
    }
  }

  /**
   * Writes every file to a temporary name beside it, then moves them all into place; on failure
   * removes the temporary files (and directories this call created stay empty, which is harmless).
   *
   * @throws IOException when writing or moving fails
   */
  void commit() throws IOException {
    List<Path[]> written = new ArrayList<>();
    try {
      for (var e : files.entrySet()) {
        Path target = e.getKey().toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        written.add(new Path[] {tmp, target});
        e.getValue().write(tmp);
      }
      for (Path[] p : written) {
        try {
          Files.move(
              p[0], p[1], StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException ex) {
          Files.move(p[0], p[1], StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } finally {
      for (Path[] p : written) {
        Files.deleteIfExists(p[0]);
      }
    }
  }
}
