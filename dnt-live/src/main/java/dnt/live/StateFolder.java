package dnt.live;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

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

  /** The lock file's name. */
  static final String LOCK = "dnt-live.lock";

  private StateFolder() {}

  /**
   * Locks the folder for one live twin (an operating-system file lock, which also holds between
   * JVMs), so two twins never write the same journal and read side.
   *
   * @param folder the prepared state folder
   * @return the lock; closing it releases the folder
   * @throws InvalidInputException naming the folder if another live twin holds it
   */
  static AutoCloseable lock(Path folder) {
    Path file = folder.resolve(LOCK);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new InvalidInputException(
          "the state folder " + folder + " cannot be written (" + e.getMessage() + ")", e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException | IOException e) {
      lock = null;
    }
    if (lock == null) {
      try {
        channel.close();
      } catch (IOException e) {
        // the folder is refused anyway
      }
      throw new InvalidInputException(
          "the state folder "
              + folder
              + " is in use by another live twin ("
              + LOCK
              + " is locked)");
    }
    FileLock held = lock;
    return () -> {
      held.release();
      channel.close();
    };
  }

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
