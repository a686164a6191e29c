package dnt.core.util;

/**
 * Progress callback for long work. The domain never prints; front ends turn these calls into
 * progress bars or log lines.
 */
@FunctionalInterface
public interface Progress {
  /** A callback that ignores every update. */
  Progress NONE = (done, total, message) -> {};

  /**
   * Reports progress.
   *
   * @param done units of work finished so far
   * @param total units of work in all, or -1 when unknown
   * @param message a short description of the current step
   */
  void update(long done, long total, String message);
}
