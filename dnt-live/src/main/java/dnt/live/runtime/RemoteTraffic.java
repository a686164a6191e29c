package dnt.live.runtime;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.remote.artery.RemoteInstrument;

/**
 * Counts the messages this node's Artery transport sends to other nodes and their serialized bytes
 * (every message: the twin's commands and replies, sharding's and the cluster's own, gossip and
 * heartbeats included), through Pekko's {@code RemoteInstrument} hook, which Artery calls once per
 * message it has serialized for another node. Registered in {@code dnt-live.conf} ({@code
 * pekko.remote.artery.advanced.instruments}); it adds no metadata to the messages. The cluster
 * status reports the counts ({@code remoteSent}), which the ingest benchmark divides by the rows it
 * sent (docs/PERFORMANCE.md, "Scale-out projection (issue 14)"). Counting the sent side only
 * suffices: every message one node sends another receives.
 */
public final class RemoteTraffic extends RemoteInstrument {
  /** The instrument's key among a system's instruments (1 to 31; it writes no metadata). */
  private static final byte IDENTIFIER = 7;

  private final Counters counters;

  /**
   * The instrument of one actor system; Artery creates it from the configuration.
   *
   * @param system the system whose counters it adds to
   */
  public RemoteTraffic(ExtendedActorSystem system) {
    this.counters = Counters.ID.get(system);
  }

  /**
   * The counts of a system so far.
   *
   * @param system the actor system
   * @return messages and bytes sent to other nodes since it started
   */
  public static Sent sent(ActorSystem system) {
    Counters c = Counters.ID.get(system);
    return new Sent(c.messages.sum(), c.bytes.sum());
  }

  /**
   * What a node sent to other nodes.
   *
   * @param messages messages
   * @param bytes their serialized bytes (Artery's envelope included)
   */
  public record Sent(long messages, long bytes) {}

  @Override
  public byte identifier() {
    return IDENTIFIER;
  }

  @Override
  public void remoteWriteMetadata(
      ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) {
    // no metadata: the count is kept on the sending node
  }

  @Override
  public void remoteMessageSent(
      ActorRef recipient, Object message, ActorRef sender, int size, long time) {
    counters.messages.increment();
    counters.bytes.add(size);
  }

  @Override
  public void remoteReadMetadata(
      ActorRef recipient, Object message, ActorRef sender, ByteBuffer buffer) {
    // never written
  }

  @Override
  public void remoteMessageReceived(
      ActorRef recipient, Object message, ActorRef sender, int size, long time) {
    // counted where it was sent
  }

  /** The counters of one actor system, a Pekko extension (one per system, several per JVM). */
  static final class Counters implements Extension {
    static final Id ID = new Id();

    final LongAdder messages = new LongAdder();
    final LongAdder bytes = new LongAdder();

    /** The extension's id. */
    static final class Id extends AbstractExtensionId<Counters> {
      @Override
      public Counters createExtension(ExtendedActorSystem system) {
        return new Counters();
      }
    }
  }
}
