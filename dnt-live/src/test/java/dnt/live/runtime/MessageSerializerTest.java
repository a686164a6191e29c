package dnt.live.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.typesafe.config.ConfigFactory;
import dnt.learn.fl.LocalTraining;
import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.Architectures;
import dnt.learn.forecast.FitReport;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.online.CellModel;
import dnt.learn.online.OnlineTwinning;
import dnt.learn.online.SeriesScaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that may cross nodes has an explicit, versioned wire format that reads back equal,
 * through the serialization Pekko itself picks from {@code dnt-live.conf}; every other message is
 * marked as never leaving its node; and the module's tests run with {@code serialize-messages} on,
 * so a message that does not serialize fails the suite.
 */
final class MessageSerializerTest {
  private static final String NODE = "pekko://dnt-live@127.0.0.1:25520";

  private static ActorTestKit kit;
  private static Serialization serialization;

  @BeforeAll
  static void start() {
    kit =
        ActorTestKit.create(
            ConfigFactory.parseString("pekko.actor.provider = local")
                .withFallback(ConfigFactory.parseResources("dnt-live.conf"))
                .withFallback(ConfigFactory.load()));
    serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  private static Object roundTrip(Object o) {
    var serializer = serialization.findSerializerFor(o);
    assertThat(serializer).as(o.getClass().getName()).isInstanceOf(MessageSerializer.class);
    byte[] bytes = serializer.toBinary(o);
    return serialization
        .deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, o))
        .get();
  }

  private static CellModel model(String cell, float offset) {
    Architecture a =
        Architectures.REGISTRY
            .factory("mlp")
            .apply(
                new Architectures.Options(
                    new WindowSpec(6, 1, 144, false, true, false), 4, 1, 0.0));
    float[] w = new float[a.parameterCount()];
    for (int i = 0; i < w.length; i++) {
      w[i] = offset + i / 7f;
    }
    return new CellModel(cell, a, w, new SeriesScaler(12.5, 3.25), 9);
  }

  /** One instance of every wire type, with nulls, NaN and extremes where a field allows them. */
  private static List<Object> samples() {
    ActorRef<Object> ref = kit.createTestProbe().getRef();
    OnlineTwinning.Dispatch dispatch =
        new OnlineTwinning.Dispatch(
            "5161", 2, new float[] {1.5f, -0f, Float.NaN}, 7, new SeriesScaler(3, 2));
    List<Object> all = new ArrayList<>();
    all.add(
        new CellTwin.Observe(
            List.of(
                new Observation(2_300_000L, 39, 0.1, 0, Double.MIN_VALUE, 1e300, 7),
                new Observation(1, 0, 1, 2, 3, 4, 5)),
            ref.narrow()));
    all.add(new CellTwin.Ack(1000, 3));
    all.add(new CellTwin.Totals(10, 16, true, ref.narrow()));
    all.add(new CellTwin.SlotTotals(10, new double[][] {{1, 2, 3, 4, 5}, {0, 0, 0, 0, 0.5}}, 11));
    all.add(new CellTwin.Integrity(ref.narrow()));
    all.add(
        new CellTwin.IntegrityState(
            true, 400, new long[] {12, 13, 2_300_000L}, "forecaster", new HeldCells.Span(3, 99)));
    all.add(new CellTwin.IntegrityState(false, 0, new long[0], "none", null));
    List<Observation> rows =
        List.of(
            new Observation(2_300_000L, 39, 0.1, 0, Double.MIN_VALUE, 1e300, 7),
            new Observation(1, 0, 1, 2, 3, 4, 5));
    all.add(new CellTwin.Apply(3, 1_000_000_000_000L, 999, rows, ref.narrow()));
    all.add(new CellTwin.FlushDue());
    all.add(new CellTwin.FlushPermit());
    all.add(new CellTwin.Stop());
    all.add(
        new IngestLog.Append(
            List.of(new IngestLog.CellRows(5161, 7, rows), new IngestLog.CellRows(1, 0, List.of())),
            ref.narrow()));
    all.add(new IngestLog.Appended(1000, 12));
    all.add(new IngestLog.Applied(Long.MAX_VALUE, 10_000, 3));
    all.add(new IngestLog.Confirm(5161, 42));
    all.add(new IngestLog.Resend(5161, 41));
    all.add(new IngestLog.Tick(ref.narrow()));
    all.add(new IngestLog.Tick(null));
    all.add(new IngestLog.Settled(ref.narrow()));
    all.add(new IngestLog.Stats(5_600_000L, 5600, 3));
    all.add(new TwinStats.Count(123_456_789_012L, ref.narrow()));
    all.add(new TwinStats.Get(ref.narrow()));
    all.add(new NodeView.GetAlerts(0, NodeView.ALERT_PAGE, ref.narrow()));
    all.add(
        new NodeView.Alerts(
            new int[] {7, 5161, 10_000},
            new long[] {1, 0, Long.MAX_VALUE},
            new boolean[] {true, false, true},
            false));
    all.add(new NodeView.Alerts(new int[0], new long[0], new boolean[0], true));
    all.add(new NodeView.GetLatest(5161, NodeView.LATEST_PAGE, ref.narrow()));
    all.add(
        new NodeView.Latest(
            new int[] {7, 5161},
            new long[] {3, 12},
            new long[] {2_300_000L, 0},
            new double[] {0.1, -0.0, Double.MIN_VALUE, 1e300, Double.NaN, 1, 2, 3, 4, 5},
            true));
    CellModel m = model("7", 0.5f);
    float[] twin = m.parameters();
    twin[0] = Float.NaN;
    twin[1] = -0f;
    all.add(
        new NodeView.Models(
            m.architecture(),
            Long.MAX_VALUE,
            twin,
            new int[] {7, 5161},
            new double[] {Double.NaN, -0.0},
            new double[] {Double.MIN_VALUE, 1e300}));
    all.add(
        new NodeView.Models(m.architecture(), 1, twin, new int[0], new double[0], new double[0]));
    all.add(new FlClientEntity.Describe(0, 288, ref.narrow()));
    all.add(
        new FlClientEntity.Described(
            5161, NODE, 144, 12.5, 3.25, new double[] {0.5, -1e-300, Double.NaN}));
    all.add(new FlClientEntity.Described(5162, NODE, 0, 0, 1, new double[0]));
    all.add(
        new FlClientEntity.TrainRound(
            2, 0, 288, new float[] {1.5f, -0f, Float.MIN_VALUE}, -99L, ref.narrow()));
    all.add(
        new FlAggregator.RoundUpdate(
            5161, 2, NODE, new float[] {1.25f, Float.NaN}, 144, 0.125, null));
    all.add(
        new FlAggregator.RoundUpdate(
            5162, 2, NODE, new float[0], 0, Double.NaN, "no training window"));
    all.add(
        new FlClientEntity.Assess(
            1.5,
            -2.5,
            0,
            288,
            List.of(new float[] {1, 2}, new float[] {-0f, Float.NaN}),
            ref.narrow()));
    all.add(new FlClientEntity.Assessed(5161, NODE, 2, 12.5, 3.25));
    all.add(new FlClientEntity.Assessed(5162, NODE, -1, 0, 1));
    all.add(
        new FlAggregator.Spans(
            NODE,
            java.util.Map.of(5161, new HeldCells.Span(0, 431), 5162, new HeldCells.Span(-3, 7))));
    all.add(new FlClientEntity.TrainDays(dispatch, 144, 432, -99L, ref.narrow()));
    all.add(
        new FlAggregator.Update(
            5161,
            NODE,
            7,
            432,
            new LocalTraining.Result(new double[] {0.5, -1e-9}, new FitReport(4, 64, 0.25, 1000)),
            null));
    all.add(new FlAggregator.Update(5162, NODE, 7, 432, null, "no window (cell 5162)"));
    all.add(new FlAggregator.GetStatus(ref.narrow()));
    all.add(
        new FlAggregator.Status(
            "horizontal",
            5,
            5,
            List.of(0.5, 0.25),
            3,
            List.of(new OnlineTwinning.ClientStatus("5161", 1, 4, 1, 2)),
            4,
            1,
            12,
            3,
            2,
            432,
            null,
            60_000,
            List.of(
                new FlAggregator.RoundTraffic(
                    "vertical",
                    1,
                    3,
                    2,
                    List.of(5163),
                    List.of(
                        new FlAggregator.NodeTraffic(NODE, 2, 2_000, 1_900),
                        new FlAggregator.NodeTraffic("unreached", 1, 1_000, 0)))),
            java.util.Map.of(5161, NODE, 5163, "pekko://dnt-live@127.0.0.1:25521")));
    all.add(
        new FlAggregator.Status(
            "failed", 0, 5, List.of(), 0, List.of(), 0, 0, 0, 2, 2, 0, "x", 1, List.of()));
    all.add(new FlAggregator.GetModel(5161, ref.narrow()));
    all.add(new FlAggregator.ModelAnswer(model("5161", 0.5f), ""));
    all.add(new FlAggregator.ModelAnswer(null, "no forecast model yet"));
    all.add(new FlAggregator.GetModels(ref.narrow()));
    all.add(new FlAggregator.Models(List.of(model("1", 0), model("2", -3))));
    return all;
  }

  private static int sameBits(Double a, Double b) {
    return Long.compare(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b));
  }

  private static int sameBits(Float a, Float b) {
    return Integer.compare(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b));
  }

  @Test
  void everyWireTypeReadsBackEqualThroughTheConfiguredBinding() {
    for (Object o : samples()) {
      Object back = roundTrip(o);
      assertThat(back).as(o.getClass().getName()).isInstanceOf(o.getClass());
      // records with arrays: compared field by field, arrays element by element, every double
      // and float by its raw bits (no tolerance: the format is exact, NaN and -0 included)
      assertThat(back)
          .as(o.getClass().getName())
          .usingRecursiveComparison()
          .withComparatorForType(MessageSerializerTest::sameBits, Double.class)
          .withComparatorForType(MessageSerializerTest::sameBits, Float.class)
          .isEqualTo(o);
    }
  }

  /**
   * The keep-alive tick answers the counters now ({@code ingest-tick-2}: whether to answer, whom);
   * a node of the earlier version sends {@code ingest-tick-1} (no answer wanted) and {@code
   * ingest-get-1} (the counters alone), and both still read, as the one tick.
   */
  @Test
  void theEarlierTickAndGetOfTheIngestLogReadAsTheOneTick() {
    ActorRef<IngestLog.Stats> ref = kit.<IngestLog.Stats>createTestProbe().getRef();
    IngestLog.Tick tick = new IngestLog.Tick(ref);
    var serializer = serialization.findSerializerFor(tick);
    assertThat(Serializers.manifestFor(serializer, tick)).isEqualTo("ingest-tick-2");
    // the earlier Get carried just the reference, as Settled does
    byte[] justTheRef = serializer.toBinary(new IngestLog.Settled(ref));
    assertThat(serialization.deserialize(justTheRef, serializer.identifier(), "ingest-get-1").get())
        .isEqualTo(tick);
    assertThat(
            serialization.deserialize(new byte[0], serializer.identifier(), "ingest-tick-1").get())
        .isEqualTo(new IngestLog.Tick(null));
    // such a tick travels on as ingest-tick-2 without a reference (sharding may forward it): one
    // byte, the flag
    assertThat(serializer.toBinary(new IngestLog.Tick(null))).containsExactly(0);
  }

  @Test
  void everyCrossNodeTypeHasAManifestAndASampleAndEveryOtherCommandStaysOnItsNode() {
    Set<String> crossNode = new TreeSet<>();
    Set<String> local = new TreeSet<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dnt.live")) {
      if (c.isInterface()) {
        continue;
      }
      if (c.isAssignableTo(CrossNode.class)) {
        crossNode.add(c.getName());
      }
      boolean command =
          c.isAssignableTo(CellTwin.Command.class)
              || c.isAssignableTo(TwinStats.Command.class)
              || c.isAssignableTo(IngestLog.Command.class)
              || c.isAssignableTo(FlClientEntity.Command.class)
              || c.isAssignableTo(FlAggregator.Command.class)
              || c.isAssignableTo(RadioTwin.Command.class)
              || c.isAssignableTo(NodeView.Command.class);
      if (command && !c.isAssignableTo(CrossNode.class)) {
        assertThat(c.isAssignableTo(NoSerializationVerificationNeeded.class))
            .as(c.getName() + " is neither CrossNode nor marked node-local")
            .isTrue();
        local.add(c.getName());
      }
    }
    Set<String> bound = new TreeSet<>();
    MessageSerializer.manifests().keySet().forEach(k -> bound.add(k.getName()));
    assertThat(bound).isEqualTo(crossNode);
    Set<String> sampled = new TreeSet<>();
    samples().forEach(s -> sampled.add(s.getClass().getName()));
    assertThat(sampled).isEqualTo(crossNode);
    assertThat(local).contains(RadioTwin.CellTraffic.class.getName());
  }

  /**
   * The bytes the aggregator counts are the binding's: a V-twin round's message down is 4 (round) +
   * 8 + 8 (span) + 4 (parameter count) + 4 per parameter + 8 (seed) + 4 + the reply reference's
   * UTF-8 length; the trained model up is 4 (cell) + 4 (round) + 4 + the node's length + 4 + 4 per
   * parameter + 8 (samples) + 8 (loss) + 1 (no failure). Counted here by hand for a model of d
   * parameters.
   */
  @Test
  void aRoundsBytesAreFourPerParameterPlusTheStatedHeader() {
    ActorRef<Object> ref = kit.createTestProbe().getRef();
    int refLength =
        org.apache.pekko.actor.typed.ActorRefResolver.get(kit.system())
            .toSerializationFormat(ref)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)
            .length;
    for (int d : new int[] {0, 1, 265}) {
      Object down = new FlClientEntity.TrainRound(0, 0, 288, new float[d], 1, ref.narrow());
      Object up = new FlAggregator.RoundUpdate(5161, 0, NODE, new float[d], 144, 0.5, null);
      assertThat(serialization.findSerializerFor(down).toBinary(down))
          .hasSize(4 + 8 + 8 + 4 + 4 * d + 8 + 4 + refLength);
      assertThat(serialization.findSerializerFor(up).toBinary(up))
          .hasSize(4 + 4 + 4 + NODE.length() + 4 + 4 * d + 8 + 8 + 1);
    }
  }

  /** A node of the previous version sends H-twin updates and statuses the new one still reads. */
  @Test
  void theFormerUpdateAndStatusFormatsStillRead() throws Exception {
    MessageSerializer s =
        new MessageSerializer((ExtendedActorSystem) Adapter.toClassic(kit.system()));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeInt(5161); // cell
      out.writeLong(7); // base version
      out.writeLong(432); // through
      out.writeBoolean(false); // no result
      out.writeBoolean(true); // a failure
      byte[] why = "no window".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.writeInt(why.length);
      out.write(why);
    }
    assertThat(s.fromBinary(bytes.toByteArray(), "fl-update-1"))
        .isEqualTo(new FlAggregator.Update(5161, "", 7, 432, null, "no window"));
    FlAggregator.Status v2 =
        new FlAggregator.Status(
            "waiting", 0, 5, List.of(), 0, List.of(), 0, 0, 0, 1, 2, 0, null, 0, List.of());
    byte[] three = s.toBinary(v2);
    // version 2 is version 3 without the clients' nodes (an empty map: its count, 4 bytes)
    byte[] two = java.util.Arrays.copyOf(three, three.length - 4);
    assertThat(s.fromBinary(two, "fl-status-2")).isEqualTo(v2);
    // version 1 is version 2 without its last two fields (timeout 8 bytes, traffic count 4)
    byte[] one = java.util.Arrays.copyOf(two, two.length - 12);
    assertThat(s.fromBinary(one, "fl-status-1")).isEqualTo(v2);
  }

  /**
   * A node of the previous version answers totals without its retention window's first slot ({@code
   * cell-slot-totals-1}): read as a twin that dropped nothing, so the asker takes every slot from
   * it.
   */
  @Test
  void theFormerSlotTotalsFormatStillReadsAsHoldingEverySlot() {
    MessageSerializer s =
        new MessageSerializer((ExtendedActorSystem) Adapter.toClassic(kit.system()));
    CellTwin.SlotTotals now = new CellTwin.SlotTotals(10, new double[][] {{1, 2, 3, 4, 5}}, 11);
    byte[] two = s.toBinary(now);
    // version 1 is version 2 without the window's first slot (a long at the end)
    byte[] one = java.util.Arrays.copyOf(two, two.length - 8);
    CellTwin.SlotTotals read = (CellTwin.SlotTotals) s.fromBinary(one, "cell-slot-totals-1");
    assertThat(read.heldFrom()).isEqualTo(CellSnapshot.ALL_HELD);
    assertThat(read.fromSlot()).isEqualTo(10);
    assertThat(read.totals()).isDeepEqualTo(now.totals());
    assertThat(s.manifest(now)).isEqualTo("cell-slot-totals-2");
  }

  /**
   * A full page of each cluster view fits well within Artery's default maximum frame of 256 KiB
   * (262,144 bytes), besides Artery's own envelope: by the format's arithmetic (writeView's
   * javadoc) an alerts page of 2,000 cells is 13 x 2,000 + 5 = 26,005 bytes and a board page 60 x
   * 2,000 + 5 = 120,005 bytes; the serializer's output is checked against those counts.
   */
  @Test
  void aFullViewPageHasTheStatedSizeAndFitsArterysFrame() {
    int n = NodeView.LATEST_PAGE;
    int[] cells = new int[n];
    long[] seqs = new long[n];
    long[] slots = new long[n];
    boolean[] flags = new boolean[n];
    double[] totals = new double[n * Observation.SERVICES];
    for (int i = 0; i < n; i++) {
      cells[i] = i + 1;
      seqs[i] = i * 3L;
      slots[i] = 2_300_000L + i;
      flags[i] = i % 2 == 0;
    }
    java.util.Arrays.fill(totals, 1.5);
    byte[] latest =
        serialization
            .findSerializerFor(new NodeView.Latest(cells, seqs, slots, totals, true))
            .toBinary(new NodeView.Latest(cells, seqs, slots, totals, true));
    assertThat(latest).hasSize(120_005);
    int m = NodeView.ALERT_PAGE;
    NodeView.Alerts alerts =
        new NodeView.Alerts(
            java.util.Arrays.copyOf(cells, m),
            java.util.Arrays.copyOf(seqs, m),
            java.util.Arrays.copyOf(flags, m),
            true);
    assertThat(serialization.findSerializerFor(alerts).toBinary(alerts)).hasSize(26_005);
    assertThat(latest.length).isLessThan(256 * 1024 / 2);
  }

  /**
   * A page of models (view-models-1) is 20 n + 4 d + 54 bytes for the MLP (name "mlp" 4 + 3,
   * windows 15, options 16, version 8, twin 4 + 4 d, count 4; per cell 4 + 8 + 8). The live twin's
   * default MLP (d = 289) at the fullest page {@link ModelBoard#pages} makes (9,935 cells) is
   * 199,910 bytes, within {@link ModelBoard#PAGE_BYTES} and Artery's frame (256 KiB by default).
   */
  @Test
  void aFullPageOfModelsHasTheStatedSizeAndFitsArterysFrame() {
    Architecture a = ModelBoardTest.mlp();
    int d = a.parameterCount();
    int n = (ModelBoard.PAGE_BYTES - ModelBoard.PAGE_OVERHEAD - 4 * d) / ModelBoard.CELL_BYTES;
    assertThat(d).isEqualTo(289);
    assertThat(n).isEqualTo(9_935);
    int[] cells = new int[n];
    double[] means = new double[n];
    double[] stds = new double[n];
    for (int i = 0; i < n; i++) {
      cells[i] = i + 1;
      means[i] = i;
      stds[i] = 1 + i;
    }
    NodeView.Models page = new NodeView.Models(a, 5, new float[d], cells, means, stds);
    byte[] bytes = serialization.findSerializerFor(page).toBinary(page);
    assertThat(bytes).hasSize(199_910);
    assertThat(bytes.length).isLessThanOrEqualTo(ModelBoard.PAGE_BYTES);
    assertThat(bytes.length).isLessThan(256 * 1024);
  }

  @Test
  void anUnknownManifestIsRefusedByName() {
    MessageSerializer s =
        new MessageSerializer((ExtendedActorSystem) Adapter.toClassic(kit.system()));
    assertThatThrownBy(() -> s.fromBinary(new byte[0], "cell-observe-9"))
        .hasMessageContaining("'cell-observe-9'");
    assertThatThrownBy(() -> s.toBinary("a string")).hasMessageContaining("java.lang.String");
  }

  @Test
  void theModuleTestsRunWithEveryMessageSerialized() {
    // set by dnt-live's surefire configuration (pom.xml): every test's actor system sends every
    // message through its serializer, so a message without a binding fails the test that sends it
    assertThat(kit.system().settings().config().getString("pekko.actor.serialize-messages"))
        .isEqualTo("on");
    assertThat(kit.system().settings().config().getString("pekko.actor.allow-java-serialization"))
        .isEqualTo("off");
  }
}
