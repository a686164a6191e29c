package dnt.live;

/** A listener's registration with a {@link LiveTwin}; closing it stops the notifications. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Stops the notifications; idempotent. */
  @Override
  void close();
}
