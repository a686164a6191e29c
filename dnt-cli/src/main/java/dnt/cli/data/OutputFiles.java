package dnt.cli.data;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Helpers for commands that must leave no partial output: checking an output folder, finding the
 * folders a command creates so that a failure can remove them again.
 */
final class OutputFiles {
  private OutputFiles() {}

  /**
   * The topmost missing folder on the way to {@code folder}, which creating it would create.
   *
   * @param folder a folder that may not exist
   * @return the topmost missing ancestor (or {@code folder} itself), or null if it exists
   */
  static @Nullable Path firstMissing(Path folder) {
    Path missing = null;
    for (Path p = folder.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
      missing = p;
    }
    return missing;
  }

  /**
   * Creates a folder (and its parents) for output, naming the option at fault if it cannot.
   *
   * @param folder the folder
   * @param option the option that named it, for the message
   * @throws InvalidInputException if a file is in the way or the folder is not writable
   */
  static void createFolder(Path folder, String option) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new InvalidInputException(option + " " + folder + " is a file, not a folder");
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot create the folder " + folder + " (" + option + "): " + e.getMessage(), e);
    }
    if (!Files.isWritable(folder)) {
      throw new InvalidInputException(
          "cannot write in the folder " + folder + " (" + option + "): it is not writable");
    }
  }

  /**
   * Removes a file if present, and then the empty folders from its folder up to {@code top}.
   *
   * @param file a file to delete
   * @param top the topmost folder a command created, or null when it created none
   */
  static void removeQuietly(Path file, @Nullable Path top) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: the output of a command that failed
    }
    removeEmptyFolders(file.toAbsolutePath().getParent(), top);
  }

  /**
   * Removes {@code folder} and its parents up to {@code top} while they are empty.
   *
   * @param folder the deepest folder
   * @param top the topmost folder a command created, or null when it created none
   */
  static void removeEmptyFolders(@Nullable Path folder, @Nullable Path top) {
    if (top == null || folder == null) {
      return;
    }
    try {
      for (Path p = folder.toAbsolutePath(); p != null && p.startsWith(top); p = p.getParent()) {
        Files.deleteIfExists(p);
      }
    } catch (DirectoryNotEmptyException e) {
      // someone else's files: keep the folder
    } catch (IOException e) {
      // best effort: the output of a command that failed
    }
  }
}
