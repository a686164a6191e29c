package dnt.learn.robust;

/**
 * Implemented by rules that need a minimum number of updates for their Byzantine budget f (Krum:
 * {@code n >= 2f + 3}; Bulyan: {@code n >= 4f + 3}). Front ends check it before aggregating to
 * report bad input clearly; the rules themselves also reject too few updates.
 */
public interface MinimumClients {
  /**
   * The least number of updates the rule accepts.
   *
   * @return the minimum n
   */
  int minClients();

  /**
   * Throws if {@code n} is below {@link #minClients()}.
   *
   * @param name the rule's name for the message
   * @param n the number of updates received
   * @param requirement the requirement in words, e.g. "n >= 2f + 3 with f = 2"
   * @param min the minimum
   */
  static void check(String name, int n, String requirement, int min) {
    if (n < min) {
      throw new IllegalArgumentException(
          name + " needs at least " + min + " updates (" + requirement + "), got " + n);
    }
  }
}
