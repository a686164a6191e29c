package dnt.core.raytrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.GeoBounds;
import dnt.core.geo.Position;
import dnt.core.radio.LinkBudget;
import dnt.core.radio.LosMode;
import dnt.core.radio.PathGainMap;
import dnt.core.radio.PropagationModel;
import dnt.core.radio.RadioMapModel;
import dnt.core.radio.RadioMapModels;
import dnt.core.radio.UrbanMicro;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.NetworkTwinBuilder;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import dnt.core.twin.TwinDelta;
import dnt.core.twin.TwinEvent;
import dnt.core.twin.TwinSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A twin whose path loss comes from ray-traced maps ({@code raymap}, {@code fused}) is saved with
 * its maps (snapshot version 2) and restores with the same gains, SINRs, KPIs and later deltas;
 * version 1 snapshots still load, and a version 1 snapshot of a map twin is refused.
 */
final class RadioMapSnapshotTest {
  private static final Point3[] MASTS = {new Point3(6, 6, 25), new Point3(6, 294, 20)};

  private static List<PathGainMap> maps() {
    Scene scene =
        new Scene(
            new SyntheticCity(300, 300).generate(new SplittableRandom(7)),
            Material.named("medium-dry-ground"));
    RayTracer tracer = new RayTracer(scene, new TraceSettings(3.5, 2, true, true));
    RadioMaps.Grid grid = new RadioMaps.Grid(0, 0, 20, 16, 16, 1.5);
    List<PathGainMap> maps = new ArrayList<>();
    for (int s = 0; s < MASTS.length; s++) {
      maps.add(RadioMaps.trace(tracer, s + 1, MASTS[s], grid));
    }
    return maps;
  }

  /** Two cells, 80 users over 400 m (beyond the 300 m maps too), random LOS and shadowing. */
  private static NetworkTwin twin(PropagationModel model) {
    TwinConfig config =
        TwinConfig.defaults(new GeoBounds(0, 0, 400, 400))
            .withLinks(new LinkBudget(model, LosMode.RANDOM, true, 5));
    NetworkTwinBuilder b = NetworkTwin.builder(config);
    for (int s = 0; s < MASTS.length; s++) {
      Point3 p = MASTS[s];
      b.station(
          new StationSpec(BaseStationId.of(s + 1), new Position(p.x(), p.y()), p.z(), 30, 0, 5));
    }
    SplittableRandom r = new SplittableRandom(3);
    for (int u = 0; u < 80; u++) {
      b.user(u, r.nextDouble(400), r.nextDouble(400), 1.5, 0.5);
    }
    return b.build();
  }

  private static List<Object> state(NetworkTwin t) {
    List<Object> out = new ArrayList<>();
    t.userIds().forEach(u -> out.add(t.user(u)));
    t.stationIds().forEach(s -> out.add(t.station(s)));
    out.add(t.kpis());
    return out;
  }

  private static byte[] save(NetworkTwin twin) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TwinSnapshot.write(twin, bytes);
    return bytes.toByteArray();
  }

  private static NetworkTwin load(byte[] bytes) throws IOException {
    return TwinSnapshot.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void aMapTwinRestoresWithItsMapsAndAnswersLaterEventsAlike() throws IOException {
    List<PathGainMap> maps = maps();
    for (String name : RadioMapModels.MODELS.names()) {
      NetworkTwin original =
          twin(RadioMapModels.MODELS.factory(name).make(new UrbanMicro(3.5), maps));
      NetworkTwin restored = load(save(original));
      // every user's serving cell, RSRP and SINR, every station, and the KPIs, exactly
      assertThat(state(restored)).as(name).isEqualTo(state(original));
      RadioMapModel m = (RadioMapModel) restored.config().links().model();
      assertThat(m.name()).isEqualTo(name);
      assertThat(m.fallback().name()).isEqualTo("umi");
      assertThat(m.maps()).hasSize(2);
      for (int k = 0; k < 2; k++) {
        PathGainMap a = maps.get(k);
        PathGainMap b = m.maps().get(k);
        assertThat(b.stationKey()).isEqualTo(a.stationKey());
        for (int j = 0; j < a.rows(); j++) {
          for (int i = 0; i < a.columns(); i++) {
            // NaN (no path) and every gain bit for bit
            assertThat(Double.doubleToRawLongBits(b.gainDb(i, j)))
                .isEqualTo(Double.doubleToRawLongBits(a.gainDb(i, j)));
            assertThat(b.reliable(i, j)).isEqualTo(a.reliable(i, j));
          }
        }
      }
      // later events recompute links through the restored model: the same deltas
      SplittableRandom r = new SplittableRandom(9);
      for (int e = 0; e < 30; e++) {
        TwinEvent ev =
            new TwinEvent.UserMoved(
                UserId.of(r.nextInt(80)),
                new Position(r.nextDouble(400), r.nextDouble(400)),
                100L * e);
        TwinDelta a = original.apply(ev);
        TwinDelta b = restored.apply(ev);
        assertThat(b.userChanges()).isEqualTo(a.userChanges());
        assertThat(b.stationChanges()).isEqualTo(a.stationChanges());
      }
      assertThat(state(restored)).as(name).isEqualTo(state(original));
    }
  }

  /** The snapshot with its format version (bytes 4..7, after the magic number) replaced. */
  private static byte[] asVersion(byte[] snapshot, int version) {
    byte[] out = snapshot.clone();
    ByteBuffer.wrap(out).putInt(4, version);
    return out;
  }

  @Test
  void version1SnapshotsStillLoadAndAVersion1MapTwinIsRefusedWithAReason() throws IOException {
    // for a statistical model, version 2 writes exactly version 1's layout
    NetworkTwin umi = twin(new UrbanMicro(3.5));
    byte[] v2 = save(umi);
    assertThat(ByteBuffer.wrap(v2).getInt(4)).isEqualTo(2);
    assertThat(state(load(asVersion(v2, 1)))).isEqualTo(state(umi));
    // version 1 wrote a map twin's name and no maps
    byte[] fused =
        save(twin(RadioMapModels.MODELS.factory("fused").make(new UrbanMicro(3.5), maps())));
    assertThatThrownBy(() -> load(asVersion(fused, 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "this version 1 snapshot names the radio-map model 'fused' but holds no maps (before"
                + " version 2 they were not saved); save the twin again");
    assertThatThrownBy(() -> load(asVersion(fused, 3)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unsupported twin snapshot version 3");
  }
}
