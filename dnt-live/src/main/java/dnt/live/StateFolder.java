package dnt.live;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The live twin's state folder: created if missing, checked writable, and marked with the version
 * of its format ({@value #MARKER}), so that a later version refuses a folder it cannot read rather
 * than corrupt it.
 */
final class StateFolder {
  /** The marker file's name. */
  static final String MARKER = "dnt-live.version";

  /** The marker's content for this version's format. */
  static final String VERSION = "dnt-live state 1";

  private StateFolder() {}

  /**
   * Prepares the folder.
   *
   * @param folder the state folder
   * @throws InvalidInputException naming the folder if it cannot be created or written, or holds
   *     another version's state
   */
  static void prepare(Path folder) {
    try {
      Files.createDirectories(folder);
      Path probe = Files.createTempFile(folder, ".probe", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new InvalidInputException(
          "the state folder " + folder + " cannot be written (" + e.getMessage() + ")", e);
    }
    Path marker = folder.resolve(MARKER);
    try {
      if (Files.exists(marker)) {
        String found = Files.readString(marker, StandardCharsets.UTF_8).strip();
        if (!found.equals(VERSION)) {
          throw new InvalidInputException(
              "the state folder "
                  + folder
                  + " holds state of an incompatible version ('"
                  + found
                  + "', this version reads '"
                  + VERSION
                  + "'); choose another state folder");
        }
      } else {
        Path tmp = Files.createTempFile(folder, MARKER, ".tmp");
        Files.writeString(tmp, VERSION + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new InvalidInputException(
          "the state folder "
              + folder
              + " has an unreadable "
              + MARKER
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }
}
