package dnt.core;

import java.io.Serial;

/**
 * Thrown by a settings record's constructor when the value of one of its components is impossible
 * and the message is about that component alone (an unknown registry name, say). It carries the
 * component's name, so that a binder which knows where the record sits in a settings file can name
 * the full key path ({@code model.architecture}, not only {@code model}).
 */
public class InvalidSettingException extends InvalidInputException {
  @Serial private static final long serialVersionUID = 1L;

  /** The record component whose value is wrong. */
  private final String key;

  /**
   * Creates the exception.
   *
   * @param key the record component whose value is wrong, e.g. {@code architecture}
   * @param message one sentence naming what is wrong
   */
  public InvalidSettingException(String key, String message) {
    super(message);
    this.key = key;
  }

  /**
   * The record component whose value is wrong.
   *
   * @return its name, relative to the record
   */
  public String key() {
    return key;
  }
}
