package dnt.data.store;

import dnt.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The key of an encrypted {@link TrafficStore}: DuckDB's {@code ENCRYPTION_KEY} (AES-256-GCM on
 * every block of the database file, its write-ahead log and its temporary files; DuckDB derives the
 * AES key from this text). The key is one word without white space; it is never printed ({@link
 * #toString()} hides it), and the command line takes it only from a file or an environment
 * variable, never as an argument.
 *
 * @param secret the key text
 */
public record StoreKey(String secret) {
  /**
   * Checks the key.
   *
   * @throws InvalidInputException if it is empty or holds white space or control characters
   */
  public StoreKey {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new InvalidInputException("the store key is empty");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidInputException(
            "the store key holds white space or a control character; use one word");
      }
    }
  }

  /**
   * Reads a key from the first line of a file (a trailing CR is dropped).
   *
   * @param file the key file
   * @return the key
   * @throws InvalidInputException if the file cannot be read, its first line is empty, or the key
   *     holds white space
   */
  public static StoreKey readFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read the key file " + file + ": " + e, e);
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new InvalidInputException("the key file " + file + " holds no key on its first line");
    }
    try {
      return new StoreKey(line);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("the key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The key as a SQL string literal (for DuckDB's {@code ATTACH}). */
  String sqlLiteral() {
    return StoreSql.quote(secret);
  }

  /** Hides the key. */
  @Override
  public String toString() {
    return "StoreKey[hidden]";
  }
}
