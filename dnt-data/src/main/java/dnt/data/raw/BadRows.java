package dnt.data.raw;

import dnt.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * What to do with a malformed row: stop with {@code file:line: what is wrong} (the default), or,
 * when skipping, count it and keep the first few messages so they can be listed. Nothing else is
 * ever dropped.
 */
public final class BadRows {
  /** How many messages a skipping policy keeps. */
  public static final int KEPT_MESSAGES = 5;

  private final boolean skip;
  private long count;
  private final List<String> first = new ArrayList<>();

  private BadRows(boolean skip) {
    this.skip = skip;
  }

  /**
   * A policy that stops at the first bad row.
   *
   * @return the policy
   */
  public static BadRows fail() {
    return new BadRows(false);
  }

  /**
   * A policy that counts bad rows and goes on.
   *
   * @return the policy
   */
  public static BadRows skip() {
    return new BadRows(true);
  }

  /**
   * Whether bad rows are skipped.
   *
   * @return true when skipping
   */
  public boolean skipping() {
    return skip;
  }

  /**
   * Reports a bad row.
   *
   * @param message {@code file:line: what is wrong}
   * @throws InvalidInputException when not skipping
   */
  public void report(String message) {
    if (!skip) {
      throw new InvalidInputException(message);
    }
    count++;
    if (first.size() < KEPT_MESSAGES) {
      first.add(message);
    }
  }

  /**
   * Number of bad rows reported.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * The first {@value #KEPT_MESSAGES} messages.
   *
   * @return an immutable copy
   */
  public List<String> firstMessages() {
    return List.copyOf(first);
  }
}
