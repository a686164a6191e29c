package dnt.live;

import java.nio.file.Path;

/**
 * Starts a live twin on a state folder: the one seam through which {@code dnt serve} obtains its
 * twin, so that the command does not depend on how the twin runs (the Pekko runtime, or the
 * in-memory reference {@link dnt.live.memory.InMemoryLiveTwin} in tests).
 */
@FunctionalInterface
public interface LiveTwinFactory {
  /**
   * Starts a twin.
   *
   * @param stateDir the state folder (journal, snapshots, tokens); it exists and is writable
   * @return the running twin; the caller closes it
   * @throws dnt.core.InvalidInputException if the state folder cannot be used (another version,
   *     locked), with one sentence naming it
   */
  LiveTwin start(Path stateDir);
}
