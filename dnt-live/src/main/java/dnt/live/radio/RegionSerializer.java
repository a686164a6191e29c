package dnt.live.radio;

import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.twin.StationState;
import dnt.core.twin.UserState;
import dnt.live.wire.WireSerializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.ExtendedActorSystem;

/**
 * The binary format of the partitioned radio twin's messages ({@link RegionWire}), in the
 * conventions of the live twin's {@code MessageSerializer} (docs/live.md, "Serialization"):
 * big-endian fields written with {@link DataOutputStream}, one manifest per type and version
 * ({@code radio-traffic-1}, ...), a manifest it does not know refused by name, actor references as
 * their serialization format, doubles as raw IEEE 754 bits (a demand or an interference travels bit
 * for bit). Bound by {@link #BINDING}; Java serialization is never used.
 */
public final class RegionSerializer extends WireSerializer {
  /** The serializer id, unique among the system's serializers (Pekko reserves 0..40). */
  public static final int ID = 1_212_003;

  /**
   * The configuration that binds the region messages to this serializer, added on top of {@code
   * dnt-live.conf} only where regions run ({@code TwinRuntime} with regions on, the tests): with
   * the binding in {@code dnt-live.conf} itself, the cold start of thousands of cell twins in
   * {@code ColdStartTest} timed out three times in three runs (it passed without), a cause not yet
   * found.
   */
  public static final String BINDING =
      "pekko.actor.serializers.dnt-live-radio = \"dnt.live.radio.RegionSerializer\"\n"
          + "pekko.actor.serialization-bindings { \"dnt.live.radio.RegionWire\" = dnt-live-radio }";

  private static final Map<Class<?>, String> MANIFESTS =
      Map.of(
          RadioRegion.Traffic.class, "radio-traffic-1",
          RadioRegion.Demand.class, "radio-demand-1",
          RadioRegion.Demands.class, "radio-demands-1",
          RadioRegion.Hello.class, "radio-hello-1",
          RadioRegion.GetState.class, "radio-get-state-1",
          RadioRegion.HandOff.class, "radio-hand-off-1",
          RadioRegion.Restore.class, "radio-restore-1",
          RegionState.class, "radio-state-1");

  /**
   * A serializer; Pekko instantiates it from the configuration.
   *
   * @param system the actor system, which resolves actor references
   */
  public RegionSerializer(ExtendedActorSystem system) {
    super(system, ID, "the radio regions", MANIFESTS);
  }

  /**
   * The manifests this serializer writes, one per message type.
   *
   * @return type to manifest
   */
  static Map<Class<?>, String> manifests() {
    return MANIFESTS;
  }

  @Override
  protected void write(DataOutputStream out, Object o) throws IOException {
    if (o instanceof RadioRegion.Traffic m) {
      out.writeInt(m.cell());
      out.writeLong(m.slot());
      raw(out, m.internet());
    } else if (o instanceof RadioRegion.Demand m) {
      out.writeInt(m.owner());
      out.writeInt(m.cell());
      raw(out, m.each());
    } else if (o instanceof RadioRegion.Demands m) {
      out.writeInt(m.owner());
      out.writeInt(m.users().length);
      for (int k = 0; k < m.users().length; k++) {
        out.writeInt(m.users()[k]);
        raw(out, m.demands()[k]);
      }
    } else if (o instanceof RadioRegion.Hello m) {
      out.writeInt(m.from());
    } else if (o instanceof RadioRegion.GetState m) {
      ref(out, m.replyTo());
    } else if (o instanceof RadioRegion.HandOff) {
      // no fields
    } else if (o instanceof RadioRegion.Restore m) {
      out.writeInt(m.state().length);
      out.write(m.state());
    } else if (o instanceof RegionState m) {
      state(out, m);
    } else {
      throw new IllegalArgumentException(
          "the radio regions have no wire format for " + o.getClass().getName());
    }
  }

  private static void state(DataOutputStream out, RegionState m) throws IOException {
    out.writeInt(m.region());
    out.writeInt(m.stations().size());
    for (int k = 0; k < m.stations().size(); k++) {
      StationState s = m.stations().get(k);
      out.writeInt(s.id().value());
      out.writeBoolean(s.active());
      raw(out, s.txPowerDbm());
      raw(out, s.loadMbps());
      out.writeInt(s.activeUsers());
      raw(out, s.activityFactor());
      raw(out, m.capacitiesMbps()[k]);
    }
    out.writeInt(m.users().size());
    for (UserState u : m.users()) {
      out.writeInt(u.id().value());
      BaseStationId serving = u.serving();
      out.writeInt(serving == null ? -1 : serving.value());
      raw(out, u.rsrpDbm());
      raw(out, u.interferenceMw());
      raw(out, u.sinrDb());
      raw(out, u.share());
      raw(out, u.rateMbps());
      raw(out, u.demandMbps());
    }
    out.writeInt(m.coverageHoles());
  }

  @Override
  protected Object read(DataInputStream in, String manifest) throws IOException {
    return switch (manifest) {
      case "radio-traffic-1" -> new RadioRegion.Traffic(in.readInt(), in.readLong(), raw(in));
      case "radio-demand-1" -> new RadioRegion.Demand(in.readInt(), in.readInt(), raw(in));
      case "radio-demands-1" -> demands(in);
      case "radio-hello-1" -> new RadioRegion.Hello(in.readInt());
      case "radio-get-state-1" -> new RadioRegion.GetState(this.<RegionState>ref(in));
      case "radio-state-1" -> state(in);
      case "radio-hand-off-1" -> new RadioRegion.HandOff();
      case "radio-restore-1" -> {
        byte[] b = new byte[count(in)];
        in.readFully(b);
        yield new RadioRegion.Restore(b);
      }
      default -> throw unknown(manifest);
    };
  }

  private static RadioRegion.Demands demands(DataInputStream in) throws IOException {
    int owner = in.readInt();
    int n = count(in);
    int[] users = new int[n];
    double[] demands = new double[n];
    for (int k = 0; k < n; k++) {
      users[k] = in.readInt();
      demands[k] = raw(in);
    }
    return new RadioRegion.Demands(owner, users, demands);
  }

  private static RegionState state(DataInputStream in) throws IOException {
    int region = in.readInt();
    int ns = count(in);
    List<StationState> stations = new ArrayList<>(ns);
    double[] capacities = new double[ns];
    for (int k = 0; k < ns; k++) {
      BaseStationId id = BaseStationId.of(in.readInt());
      boolean active = in.readBoolean();
      double tx = raw(in);
      double load = raw(in);
      int users = in.readInt();
      double activity = raw(in);
      capacities[k] = raw(in);
      stations.add(new StationState(id, active, tx, load, users, activity));
    }
    int nu = count(in);
    List<UserState> users = new ArrayList<>(nu);
    for (int k = 0; k < nu; k++) {
      UserId id = UserId.of(in.readInt());
      int serving = in.readInt();
      users.add(
          new UserState(
              id,
              serving < 0 ? null : BaseStationId.of(serving),
              raw(in),
              raw(in),
              raw(in),
              raw(in),
              raw(in),
              raw(in)));
    }
    return new RegionState(region, stations, capacities, users, in.readInt());
  }
}
