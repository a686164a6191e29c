package dnt.core;

import java.io.Serial;

/**
 * Thrown when input supplied by a user (a file, an option, a record) is malformed. The message is
 * one full sentence meant for that user; front ends print it without a stack trace and exit with
 * the usage status (2).
 */
public class InvalidInputException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one sentence naming what is wrong and where
   */
  public InvalidInputException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message one sentence naming what is wrong and where
   * @param cause the underlying failure
   */
  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
