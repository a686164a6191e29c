package dnt.live;

import dnt.core.InvalidInputException;
import dnt.data.network.OwnNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;

/**
 * Which network a state folder holds ({@value #FILE}): {@code milan}, or {@code own} with the
 * SHA-256 of the station list and the grid and their paths. A start on a folder of another network
 * is refused: its journal names cells of that network. A folder written before the marker existed
 * holds Milan.
 */
final class NetworkMarker {
  /** The marker file's name in the state folder. */
  static final String FILE = "dnt-live.network";

  private NetworkMarker() {}

  /**
   * Checks the folder's network against this start's, and records it on a first start.
   *
   * @param folder the prepared, locked state folder
   * @param network this start's network, null for Milan
   * @throws InvalidInputException naming the folder and both networks when they differ
   */
  static void check(Path folder, @Nullable OwnNetwork network) {
    Path file = folder.resolve(FILE);
    String wanted = network == null ? "milan" : "own " + network.fingerprint();
    try {
      String held = null;
      String where = "";
      if (Files.exists(file)) {
        String[] found = Files.readString(file, StandardCharsets.UTF_8).strip().split("\n", 2);
        held = found[0].strip();
        where = found.length > 1 ? found[1].strip() + ", " : "";
      } else if (Files.exists(folder.resolve("journal"))) {
        held = "milan"; // a folder from before the marker: only Milan was served then
      }
      if (held != null) {
        if (!held.equals(wanted)) {
          throw new InvalidInputException(
              "the state folder "
                  + folder
                  + " holds the twin of "
                  + (held.equals("milan")
                      ? "Milan"
                      : "another network ("
                          + where
                          + "sha256 "
                          + held.substring(Math.min(held.length(), 4), Math.min(held.length(), 16))
                          + ")")
                  + ", not of "
                  + describe(network)
                  + "; choose another state folder or start with the network it holds");
        }
        if (Files.exists(file)) {
          return;
        }
      }
      String content =
          network == null
              ? wanted + "\n"
              : wanted
                  + "\nstations "
                  + network.stationsFile().toAbsolutePath()
                  + ", grid "
                  + network.gridFile().toAbsolutePath()
                  + "\n";
      Path tmp = Files.createTempFile(folder, FILE, ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new InvalidInputException(
          "the state folder " + folder + " has an unreadable " + FILE + " (" + e.getMessage() + ")",
          e);
    }
  }

  private static String describe(@Nullable OwnNetwork network) {
    return network == null ? "Milan" : "the network of " + network.describe();
  }
}
