package dnt.live.runtime;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

/** What the actor tests of event-sourced twins share: a test kit on in-memory persistence. */
final class InMemoryPersistence {
  private InMemoryPersistence() {}

  /**
   * A test kit over {@code dnt-live.conf} whose journal is Pekko's in-memory one with serialization
   * on (every event goes through the serializers, as in a real journal) and whose snapshots go to a
   * local folder.
   *
   * @param snapshots the snapshot folder
   * @return the kit
   */
  static ActorTestKit kit(Path snapshots) {
    return ActorTestKit.create(
        ConfigFactory.parseString(
                "pekko.persistence.journal.plugin = \"pekko.persistence.journal.inmem\"\n"
                    + "pekko.persistence.journal.inmem.test-serialization = on\n"
                    + "pekko.persistence.snapshot-store.plugin ="
                    + " \"pekko.persistence.snapshot-store.local\"\n"
                    + "pekko.persistence.snapshot-store.local.dir = \""
                    + snapshots.toString().replace("\\", "/")
                    + "\"\n"
                    + "pekko.actor.provider = local\n")
            .withFallback(ConfigFactory.parseResources("dnt-live.conf"))
            .withFallback(ConfigFactory.load()));
  }

  /**
   * An observation whose five services are v, 2v, 3v, 4v and 5v.
   *
   * @param slot the slot
   * @param cc the country code
   * @param v the first service's activity
   * @return the observation
   */
  static Observation obs(long slot, int cc, double v) {
    return new Observation(slot, cc, v, 2 * v, 3 * v, 4 * v, 5 * v);
  }
}
