package dnt.live.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The conventions every dnt-live wire format follows (the live twin's {@code MessageSerializer},
 * the radio regions' serializer): big-endian fields written with {@link DataOutputStream}, one
 * manifest per message type and version, a type without a manifest refused on writing and a
 * manifest not known refused on reading (both by name), actor references as their serialization
 * format, doubles as raw IEEE 754 bits. A subclass gives its manifests and its two halves, {@link
 * #write} and {@link #read}.
 */
public abstract class WireSerializer extends SerializerWithStringManifest {
  private final int id;
  private final String family;
  private final Map<Class<?>, String> manifests;
  private final ActorRefResolver refs;

  /**
   * A serializer.
   *
   * @param system the actor system, which resolves actor references
   * @param id the serializer id, unique among the system's serializers (Pekko reserves 0..40)
   * @param family what the messages belong to, for error messages ({@code "dnt-live"})
   * @param manifests one manifest per message type
   */
  protected WireSerializer(
      ExtendedActorSystem system, int id, String family, Map<Class<?>, String> manifests) {
    this.id = id;
    this.family = family;
    this.manifests = Map.copyOf(manifests);
    this.refs = ActorRefResolver.get(Adapter.toTyped(system));
  }

  /**
   * Writes one message's fields.
   *
   * @param out the stream
   * @param o the message, of a type with a manifest
   * @throws IOException never for a byte array, but the stream API declares it
   */
  protected abstract void write(DataOutputStream out, Object o) throws IOException;

  /**
   * Reads one message.
   *
   * @param in the stream
   * @param manifest its manifest
   * @return the message
   * @throws IOException when the bytes end early or are inconsistent
   */
  protected abstract Object read(DataInputStream in, String manifest) throws IOException;

  @Override
  public final int identifier() {
    return id;
  }

  @Override
  public final String manifest(Object o) {
    String m = manifests.get(o.getClass());
    if (m == null) {
      throw new IllegalArgumentException(
          family + " has no wire format for " + o.getClass().getName());
    }
    return m;
  }

  @Override
  public final byte[] toBinary(Object o) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(out, o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public final Object fromBinary(byte[] bytes, String manifest) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return read(in, manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("a corrupt " + family + " " + manifest + " message", e);
    }
  }

  /**
   * The refusal of a manifest this version does not know.
   *
   * @param manifest the manifest
   * @return the exception to throw
   */
  protected final IllegalArgumentException unknown(String manifest) {
    return new IllegalArgumentException(
        "unknown " + family + " message manifest '" + manifest + "' (sent by a newer version?)");
  }

  /**
   * Writes an actor reference.
   *
   * @param out the stream
   * @param ref the reference
   * @throws IOException from the stream
   */
  protected final void ref(DataOutputStream out, ActorRef<?> ref) throws IOException {
    string(out, refs.toSerializationFormat(ref));
  }

  /**
   * Reads an actor reference.
   *
   * @param in the stream
   * @param <T> its message type
   * @return the reference, resolved on this node
   * @throws IOException from the stream
   */
  protected final <T> ActorRef<T> ref(DataInputStream in) throws IOException {
    return refs.resolveActorRef(string(in));
  }

  /**
   * Writes a UTF-8 string with its length.
   *
   * @param out the stream
   * @param s the string
   * @throws IOException from the stream
   */
  protected static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /**
   * Reads a string written by {@link #string(DataOutputStream, String)}.
   *
   * @param in the stream
   * @return the string
   * @throws IOException from the stream, or for a negative length
   */
  protected static String string(DataInputStream in) throws IOException {
    byte[] b = new byte[count(in)];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * Reads a count, refusing a negative one.
   *
   * @param in the stream
   * @return the count
   * @throws IOException from the stream, or for a negative count
   */
  protected static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("a negative count " + n);
    }
    return n;
  }

  /**
   * Writes a double as its raw IEEE 754 bits.
   *
   * @param out the stream
   * @param x the value
   * @throws IOException from the stream
   */
  protected static void raw(DataOutputStream out, double x) throws IOException {
    out.writeLong(Double.doubleToRawLongBits(x));
  }

  /**
   * Reads a double written by {@link #raw(DataOutputStream, double)}, bit for bit.
   *
   * @param in the stream
   * @return the value
   * @throws IOException from the stream
   */
  protected static double raw(DataInputStream in) throws IOException {
    return Double.longBitsToDouble(in.readLong());
  }
}
