package dnt.cli.data;

import dnt.core.InvalidInputException;
import dnt.data.store.StoreKey;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The key of an encrypted telemetry store, for every command that opens one: {@code --key-file
 * FILE} (the key on its first line) or the environment variable {@value #ENV}; never an argument,
 * so that it stays out of shell histories and process lists.
 */
public final class StoreKeyOption {
  /** The environment variable that may hold the store key. */
  public static final String ENV = "DNT_STORE_KEY";

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "The store is encrypted at rest (DuckDB AES-256-GCM) with the key on this file's first"
              + " line, or with the environment variable "
              + ENV
              + " (never on the command line). A new store is created encrypted; an encrypted"
              + " store opens only with its key.")
  @Nullable Path keyFile;

  /**
   * The key: the first line of {@code --key-file}, else {@value #ENV}, else none.
   *
   * @return the key, or null for a store in the clear
   * @throws InvalidInputException for an unreadable key file or a malformed key
   */
  public @Nullable StoreKey key() {
    if (keyFile != null) {
      try {
        return StoreKey.readFile(keyFile);
      } catch (InvalidInputException e) {
        throw new InvalidInputException("--key-file: " + e.getMessage(), e);
      }
    }
    String env = System.getenv(ENV);
    if (env == null || env.isEmpty()) {
      return null;
    }
    try {
      return new StoreKey(env);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(ENV + ": " + e.getMessage(), e);
    }
  }
}
