package dnt.live.radio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dnt.core.BaseStationId;
import dnt.core.UserId;
import dnt.core.twin.StationState;
import dnt.core.twin.UserState;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message of the partitioned radio twin reads back equal through its versioned binding, bit
 * for bit in its doubles (NaN payloads and infinities included); every message type has a manifest;
 * an unknown manifest is refused by name.
 */
final class RegionSerializerTest {
  private static ActorTestKit kit;
  private static RegionSerializer serializer;

  @BeforeAll
  static void start() {
    kit =
        ActorTestKit.create(
            ConfigFactory.parseString("pekko.actor.provider = local")
                .withFallback(ConfigFactory.parseString(RegionSerializer.BINDING))
                .withFallback(ConfigFactory.parseResources("dnt-live.conf"))
                .withFallback(ConfigFactory.load()));
    serializer = new RegionSerializer((ExtendedActorSystem) Adapter.toClassic(kit.system()));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static Object roundTrip(Object m) {
    return serializer.fromBinary(serializer.toBinary(m), serializer.manifest(m));
  }

  @Test
  void everyMessageReadsBackEqual() {
    assertThat(roundTrip(new RadioRegion.Traffic(4_321, 77L, 1234.5)))
        .isEqualTo(new RadioRegion.Traffic(4_321, 77L, 1234.5));
    double odd = Double.longBitsToDouble(0x7ff8_0000_0000_1234L);
    RadioRegion.Demand d = (RadioRegion.Demand) roundTrip(new RadioRegion.Demand(3, 9, odd));
    assertThat(Double.doubleToRawLongBits(d.each())).isEqualTo(0x7ff8_0000_0000_1234L);
    assertThat(roundTrip(new RadioRegion.Hello(-1))).isEqualTo(new RadioRegion.Hello(-1));
    RadioRegion.Demands ds =
        (RadioRegion.Demands)
            roundTrip(new RadioRegion.Demands(5, new int[] {1, 8}, new double[] {0.25, 1e-300}));
    assertThat(ds.owner()).isEqualTo(5);
    assertThat(ds.users()).containsExactly(1, 8);
    assertThat(ds.demands()).containsExactly(0.25, 1e-300);
    assertThat(roundTrip(new RadioRegion.HandOff())).isEqualTo(new RadioRegion.HandOff());
    assertThat(
            ((RadioRegion.Restore) roundTrip(new RadioRegion.Restore(new byte[] {1, -2, 3})))
                .state())
        .containsExactly(1, -2, 3);
    TestProbe<RegionState> probe = kit.createTestProbe();
    RadioRegion.GetState g =
        (RadioRegion.GetState) roundTrip(new RadioRegion.GetState(probe.ref()));
    assertThat(g.replyTo()).isEqualTo(probe.ref());
    RegionState s =
        new RegionState(
            2,
            List.of(new StationState(BaseStationId.of(17), true, 30, 12.5, 4, 0.625)),
            new double[] {20},
            List.of(
                new UserState(
                    UserId.of(3), BaseStationId.of(17), -71.5, 1e-9, 12.25, 0.25, 3.5, 0.5),
                new UserState(
                    UserId.of(4),
                    null,
                    Double.NEGATIVE_INFINITY,
                    2e-10,
                    Double.NEGATIVE_INFINITY,
                    0,
                    0,
                    0.5)),
            1);
    RegionState back = (RegionState) roundTrip(s);
    assertThat(back.region()).isEqualTo(2);
    assertThat(back.stations()).isEqualTo(s.stations());
    assertThat(back.capacitiesMbps()).containsExactly(20.0);
    assertThat(back.users()).isEqualTo(s.users());
    assertThat(back.coverageHoles()).isEqualTo(1);
  }

  @Test
  void everyMessageTypeHasAManifest() {
    Set<String> types = new TreeSet<>();
    for (Class<?> c : RadioRegion.Command.class.getPermittedSubclasses()) {
      types.add(c.getName());
    }
    types.add(RegionState.class.getName());
    Set<String> bound = new TreeSet<>();
    RegionSerializer.manifests().keySet().forEach(k -> bound.add(k.getName()));
    assertThat(bound).isEqualTo(types);
    // RegionSerializer.BINDING binds them to this serializer, never to Java serialization
    var serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    assertThat(serialization.findSerializerFor(new RadioRegion.Hello(1)).identifier())
        .isEqualTo(RegionSerializer.ID);
    assertThat(kit.system().settings().config().getString("pekko.actor.serialize-messages"))
        .isEqualTo("on");
  }

  @Test
  void anUnknownManifestIsRefusedByName() {
    assertThatThrownBy(() -> serializer.fromBinary(new byte[0], "radio-traffic-9"))
        .hasMessageContaining("'radio-traffic-9'");
    assertThatThrownBy(() -> serializer.toBinary("a string"))
        .hasMessageContaining("java.lang.String");
  }
}
