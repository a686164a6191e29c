package dnt.live.runtime;

import dnt.learn.fl.LocalTraining;
import dnt.learn.forecast.Architecture;
import dnt.learn.forecast.Architectures;
import dnt.learn.forecast.DualLstm;
import dnt.learn.forecast.FitReport;
import dnt.learn.forecast.Mlp;
import dnt.learn.forecast.RecurrentNet;
import dnt.learn.forecast.WindowSpec;
import dnt.learn.online.CellModel;
import dnt.learn.online.OnlineTwinning;
import dnt.learn.online.SeriesScaler;
import dnt.live.wire.WireSerializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.jspecify.annotations.Nullable;

/**
 * The binary format of every message that may cross nodes ({@link CrossNode}): the commands to cell
 * twins, the twin-wide counters, FL clients and the aggregator singleton, and their replies.
 * Big-endian fields written with {@link DataOutputStream}; one manifest per type and version
 * ({@code cell-observe-1}, ...), so a node of a later version can still read an older node's
 * messages during a rolling upgrade, and a manifest it does not know fails with a message naming
 * it. Actor references travel as their serialization format ({@link ActorRefResolver}), so a reply
 * finds its asker on whichever node it lives. Model parameters and values travel bit for bit (raw
 * IEEE 754 bits, NaN payloads included). Bound in {@code dnt-live.conf}; Java serialization is
 * never used.
 */
public final class MessageSerializer extends WireSerializer {
  /** The serializer id, unique among the system's serializers (Pekko reserves 0..40). */
  public static final int ID = 1_212_002;

  private static final Map<Class<?>, String> MANIFESTS =
      Map.ofEntries(
          Map.entry(CellTwin.Observe.class, "cell-observe-1"),
          Map.entry(CellTwin.Ack.class, "cell-ack-1"),
          Map.entry(CellTwin.Totals.class, "cell-totals-1"),
          Map.entry(CellTwin.SlotTotals.class, "cell-slot-totals-2"),
          Map.entry(CellTwin.Integrity.class, "cell-integrity-1"),
          Map.entry(CellTwin.IntegrityState.class, "cell-integrity-state-3"),
          Map.entry(CellTwin.Apply.class, "cell-apply-1"),
          Map.entry(CellTwin.FlushDue.class, "cell-flush-due-1"),
          Map.entry(CellTwin.FlushPermit.class, "cell-flush-permit-1"),
          Map.entry(CellTwin.Stop.class, "cell-stop-1"),
          Map.entry(IngestLog.Append.class, "ingest-append-1"),
          Map.entry(IngestLog.Appended.class, "ingest-appended-1"),
          Map.entry(IngestLog.Applied.class, "ingest-applied-1"),
          Map.entry(IngestLog.Confirm.class, "ingest-confirm-1"),
          Map.entry(IngestLog.Resend.class, "ingest-resend-1"),
          Map.entry(IngestLog.Tick.class, "ingest-tick-2"),
          Map.entry(IngestLog.Settled.class, "ingest-settled-1"),
          Map.entry(IngestLog.Stats.class, "ingest-stats-1"),
          Map.entry(TwinStats.Count.class, "stats-count-1"),
          Map.entry(TwinStats.Get.class, "stats-get-1"),
          Map.entry(NodeView.GetAlerts.class, "view-get-alerts-1"),
          Map.entry(NodeView.Alerts.class, "view-alerts-1"),
          Map.entry(NodeView.GetLatest.class, "view-get-latest-1"),
          Map.entry(NodeView.Latest.class, "view-latest-1"),
          Map.entry(NodeView.Models.class, "view-models-1"),
          Map.entry(FlClientEntity.Describe.class, "fl-describe-1"),
          Map.entry(FlClientEntity.Described.class, "fl-described-1"),
          Map.entry(FlClientEntity.TrainRound.class, "fl-train-round-1"),
          Map.entry(FlAggregator.RoundUpdate.class, "fl-round-update-1"),
          Map.entry(FlClientEntity.Assess.class, "fl-assess-1"),
          Map.entry(FlClientEntity.Assessed.class, "fl-assessed-1"),
          Map.entry(FlAggregator.Spans.class, "fl-spans-1"),
          Map.entry(FlClientEntity.TrainDays.class, "fl-train-days-1"),
          Map.entry(FlAggregator.Update.class, "fl-update-2"),
          Map.entry(FlAggregator.GetStatus.class, "fl-get-status-1"),
          Map.entry(FlAggregator.Status.class, "fl-status-3"),
          Map.entry(FlAggregator.GetModel.class, "fl-get-model-1"),
          Map.entry(FlAggregator.ModelAnswer.class, "fl-model-answer-1"),
          Map.entry(FlAggregator.GetModels.class, "fl-get-models-1"),
          Map.entry(FlAggregator.Models.class, "fl-models-1"));

  /**
   * A serializer; Pekko instantiates it from the configuration.
   *
   * @param system the actor system, which resolves actor references
   */
  public MessageSerializer(ExtendedActorSystem system) {
    super(system, ID, "dnt-live", MANIFESTS);
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
    if (o instanceof CellTwin.Observe m) {
      LiveSerializer.writeRows(out, m.rows());
      ref(out, m.replyTo());
    } else if (o instanceof CellTwin.Ack m) {
      out.writeInt(m.accepted());
      out.writeInt(m.replaced());
    } else if (o instanceof CellTwin.Totals m) {
      out.writeLong(m.fromSlot());
      out.writeLong(m.toSlot());
      out.writeBoolean(m.masked());
      ref(out, m.replyTo());
    } else if (o instanceof CellTwin.SlotTotals m) {
      out.writeLong(m.fromSlot());
      out.writeInt(m.totals().length);
      for (double[] slot : m.totals()) {
        doubles(out, slot);
      }
      out.writeLong(m.heldFrom());
    } else if (o instanceof CellTwin.Integrity m) {
      ref(out, m.replyTo());
    } else if (o instanceof CellTwin.IntegrityState m) {
      out.writeBoolean(m.diverging());
      out.writeLong(m.checked());
      longs(out, m.maskedSlots());
      out.writeUTF(m.predictor());
      HeldCells.Span span = m.span();
      out.writeBoolean(span != null);
      if (span != null) {
        out.writeLong(span.oldest());
        out.writeLong(span.newest());
      }
    } else if (o instanceof CellTwin.Apply m) {
      out.writeInt(m.partition());
      out.writeLong(m.position());
      out.writeLong(m.prev());
      LiveSerializer.writeRows(out, m.rows());
      ref(out, m.replyTo());
    } else if (o instanceof CellTwin.FlushDue
        || o instanceof CellTwin.FlushPermit
        || o instanceof CellTwin.Stop) {
      // no fields: the manifest says it all
    } else if (o instanceof IngestLog.Append m) {
      out.writeInt(m.cells().size());
      for (IngestLog.CellRows c : m.cells()) {
        out.writeInt(c.cell());
        out.writeLong(c.prev());
        LiveSerializer.writeRows(out, c.rows());
      }
      ref(out, m.replyTo());
    } else if (o instanceof IngestLog.Appended m) {
      out.writeInt(m.accepted());
      out.writeInt(m.replaced());
    } else if (o instanceof IngestLog.Applied m) {
      out.writeLong(m.position());
      out.writeInt(m.cell());
      out.writeInt(m.replaced());
    } else if (o instanceof IngestLog.Confirm m) {
      out.writeInt(m.cell());
      out.writeLong(m.upTo());
    } else if (o instanceof IngestLog.Resend m) {
      out.writeInt(m.cell());
      out.writeLong(m.after());
    } else if (o instanceof IngestLog.Tick m) {
      // whether it asks for an answer (one read from an earlier node's ingest-tick-1 does not, and
      // sharding may forward it to another node), then whom to answer
      ActorRef<IngestLog.Stats> replyTo = m.replyTo();
      out.writeBoolean(replyTo != null);
      if (replyTo != null) {
        ref(out, replyTo);
      }
    } else if (o instanceof IngestLog.Settled m) {
      ref(out, m.replyTo());
    } else if (o instanceof IngestLog.Stats m) {
      out.writeLong(m.rows());
      out.writeLong(m.position());
      out.writeInt(m.pending());
    } else if (o instanceof TwinStats.Count m) {
      out.writeLong(m.rows());
      ref(out, m.replyTo());
    } else if (o instanceof TwinStats.Get m) {
      ref(out, m.replyTo());
    } else if (o instanceof NodeView.Command
        || o instanceof NodeView.Alerts
        || o instanceof NodeView.Latest) {
      writeView(out, o);
    } else {
      writeFederated(out, o);
    }
  }

  /**
   * The cluster views' pages ({@link NodeView}): a request is the cell it starts after, the page's
   * limit and the reply reference; an alerts page is the count n, then per cell its number (4
   * bytes), sequence number (8) and flag (1), then whether more may follow (1): 13 n + 5 bytes; a
   * board page is n, then per cell its number, sequence number, slot (8) and the five totals as raw
   * IEEE 754 bits (40), then the flag: 60 n + 5 bytes. A page of models is the architecture (as in
   * a cell's model: its name with a 4-byte length, 15 bytes of windows, 16 of options), the version
   * (8), the cluster twin (a 4-byte count and 4 bytes a parameter), the count n, then per cell its
   * number and its scaler's mean and deviation as raw IEEE 754 bits (20): 20 n + 4 d + 51 + the
   * name's UTF-8 length bytes for d parameters ({@code mlp}: 20 n + 4 d + 54).
   */
  private void writeView(DataOutputStream out, Object o) throws IOException {
    if (o instanceof NodeView.GetAlerts m) {
      out.writeInt(m.afterCell());
      out.writeInt(m.limit());
      ref(out, m.replyTo());
    } else if (o instanceof NodeView.GetLatest m) {
      out.writeInt(m.afterCell());
      out.writeInt(m.limit());
      ref(out, m.replyTo());
    } else if (o instanceof NodeView.Alerts m) {
      out.writeInt(m.cells().length);
      for (int i = 0; i < m.cells().length; i++) {
        out.writeInt(m.cells()[i]);
        out.writeLong(m.seqs()[i]);
        out.writeBoolean(m.diverging()[i]);
      }
      out.writeBoolean(m.more());
    } else if (o instanceof NodeView.Latest m) {
      out.writeInt(m.cells().length);
      for (int i = 0; i < m.cells().length; i++) {
        out.writeInt(m.cells()[i]);
        out.writeLong(m.seqs()[i]);
        out.writeLong(m.slots()[i]);
        for (int k = 0; k < Observation.SERVICES; k++) {
          raw(out, m.totals()[i * Observation.SERVICES + k]);
        }
      }
      out.writeBoolean(m.more());
    } else if (o instanceof NodeView.Models m) {
      architecture(out, m.architecture());
      out.writeLong(m.version());
      floats(out, m.twin());
      out.writeInt(m.cells().length);
      for (int i = 0; i < m.cells().length; i++) {
        out.writeInt(m.cells()[i]);
        raw(out, m.means()[i]);
        raw(out, m.stds()[i]);
      }
    } else {
      throw new IllegalArgumentException(
          "dnt-live has no wire format for " + o.getClass().getName());
    }
  }

  private Object readView(DataInputStream in, String manifest) throws IOException {
    return switch (manifest) {
      case "view-get-alerts-1" -> new NodeView.GetAlerts(in.readInt(), in.readInt(), ref(in));
      case "view-get-latest-1" -> new NodeView.GetLatest(in.readInt(), in.readInt(), ref(in));
      case "view-alerts-1" -> {
        int n = count(in);
        int[] cells = new int[n];
        long[] seqs = new long[n];
        boolean[] diverging = new boolean[n];
        for (int i = 0; i < n; i++) {
          cells[i] = in.readInt();
          seqs[i] = in.readLong();
          diverging[i] = in.readBoolean();
        }
        yield new NodeView.Alerts(cells, seqs, diverging, in.readBoolean());
      }
      case "view-latest-1" -> {
        int n = count(in);
        int[] cells = new int[n];
        long[] seqs = new long[n];
        long[] slots = new long[n];
        double[] totals = new double[n * Observation.SERVICES];
        for (int i = 0; i < n; i++) {
          cells[i] = in.readInt();
          seqs[i] = in.readLong();
          slots[i] = in.readLong();
          for (int k = 0; k < Observation.SERVICES; k++) {
            totals[i * Observation.SERVICES + k] = raw(in);
          }
        }
        yield new NodeView.Latest(cells, seqs, slots, totals, in.readBoolean());
      }
      case "view-models-1" -> {
        Architecture a = architecture(in);
        long version = in.readLong();
        float[] twin = floats(in);
        int n = count(in);
        int[] cells = new int[n];
        double[] means = new double[n];
        double[] stds = new double[n];
        for (int i = 0; i < n; i++) {
          cells[i] = in.readInt();
          means[i] = raw(in);
          stds[i] = raw(in);
        }
        yield new NodeView.Models(a, version, twin, cells, means, stds);
      }
      default -> readFederated(in, manifest);
    };
  }

  private void writeFederated(DataOutputStream out, Object o) throws IOException {
    if (o instanceof FlClientEntity.Describe m) {
      out.writeLong(m.fromSlot());
      out.writeLong(m.toSlot());
      ref(out, m.replyTo());
    } else if (o instanceof FlClientEntity.Described m) {
      out.writeInt(m.cell());
      string(out, m.node());
      out.writeInt(m.windows());
      raw(out, m.mean());
      raw(out, m.std());
      doubles(out, m.profile());
    } else if (o instanceof FlClientEntity.TrainRound m) {
      out.writeInt(m.round());
      out.writeLong(m.fromSlot());
      out.writeLong(m.toSlot());
      floats(out, m.base());
      out.writeLong(m.seed());
      ref(out, m.replyTo());
    } else if (o instanceof FlAggregator.RoundUpdate m) {
      out.writeInt(m.cell());
      out.writeInt(m.round());
      string(out, m.node());
      floats(out, m.trained());
      out.writeLong(m.samples());
      raw(out, m.loss());
      nullableString(out, m.failure());
    } else if (o instanceof FlClientEntity.Assess m) {
      out.writeDouble(m.x());
      out.writeDouble(m.y());
      out.writeLong(m.fromSlot());
      out.writeLong(m.toSlot());
      out.writeInt(m.twins().size());
      for (float[] w : m.twins()) {
        floats(out, w);
      }
      ref(out, m.replyTo());
    } else if (o instanceof FlClientEntity.Assessed m) {
      out.writeInt(m.cell());
      string(out, m.node());
      out.writeInt(m.cluster());
      raw(out, m.mean());
      raw(out, m.std());
    } else if (o instanceof FlAggregator.Spans m) {
      string(out, m.node());
      out.writeInt(m.spans().size());
      for (Map.Entry<Integer, HeldCells.Span> e : new TreeMap<>(m.spans()).entrySet()) {
        out.writeInt(e.getKey());
        out.writeLong(e.getValue().oldest());
        out.writeLong(e.getValue().newest());
      }
    } else if (o instanceof FlClientEntity.TrainDays m) {
      OnlineTwinning.Dispatch d = m.dispatch();
      string(out, d.cell());
      out.writeInt(d.cluster());
      floats(out, d.base());
      out.writeLong(d.baseVersion());
      out.writeDouble(d.scaler().mean());
      out.writeDouble(d.scaler().std());
      out.writeLong(m.fromSlot());
      out.writeLong(m.toSlot());
      out.writeLong(m.seed());
      ref(out, m.replyTo());
    } else if (o instanceof FlAggregator.Update m) {
      out.writeInt(m.cell());
      string(out, m.node());
      out.writeLong(m.baseVersion());
      out.writeLong(m.through());
      LocalTraining.Result r = m.result();
      out.writeBoolean(r != null);
      if (r != null) {
        doubles(out, r.delta());
        out.writeInt(r.report().steps());
        out.writeLong(r.report().samples());
        out.writeDouble(r.report().meanLoss());
        out.writeLong(r.report().cpuNanos());
      }
      nullableString(out, m.failure());
    } else if (o instanceof FlAggregator.GetStatus m) {
      ref(out, m.replyTo());
    } else if (o instanceof FlAggregator.Status m) {
      status(out, m);
    } else if (o instanceof FlAggregator.GetModel m) {
      out.writeInt(m.cell());
      ref(out, m.replyTo());
    } else if (o instanceof FlAggregator.ModelAnswer m) {
      CellModel model = m.model();
      out.writeBoolean(model != null);
      if (model != null) {
        model(out, model);
      }
      string(out, m.why());
    } else if (o instanceof FlAggregator.GetModels m) {
      ref(out, m.replyTo());
    } else if (o instanceof FlAggregator.Models m) {
      out.writeInt(m.models().size());
      for (CellModel model : m.models()) {
        model(out, model);
      }
    } else {
      throw new IllegalArgumentException(
          "dnt-live has no wire format for " + o.getClass().getName());
    }
  }

  @Override
  protected Object read(DataInputStream in, String manifest) throws IOException {
    return switch (manifest) {
      case "cell-observe-1" -> {
        yield new CellTwin.Observe(LiveSerializer.readRows(in), ref(in));
      }
      case "cell-ack-1" -> new CellTwin.Ack(in.readInt(), in.readInt());
      case "cell-totals-1" ->
          new CellTwin.Totals(in.readLong(), in.readLong(), in.readBoolean(), ref(in));
      case "cell-slot-totals-1", "cell-slot-totals-2" -> {
        long from = in.readLong();
        double[][] totals = new double[in.readInt()][];
        for (int i = 0; i < totals.length; i++) {
          totals[i] = doubles(in);
        }
        // the first version came from a twin that held every slot
        yield manifest.endsWith("1")
            ? new CellTwin.SlotTotals(from, totals)
            : new CellTwin.SlotTotals(from, totals, in.readLong());
      }
      case "cell-integrity-1" -> new CellTwin.Integrity(ref(in));
      case "cell-integrity-state-1" ->
          new CellTwin.IntegrityState(in.readBoolean(), in.readLong(), longs(in), "none", null);
      case "cell-integrity-state-2" ->
          new CellTwin.IntegrityState(
              in.readBoolean(), in.readLong(), longs(in), in.readUTF(), null);
      case "cell-integrity-state-3" ->
          new CellTwin.IntegrityState(
              in.readBoolean(),
              in.readLong(),
              longs(in),
              in.readUTF(),
              in.readBoolean() ? new HeldCells.Span(in.readLong(), in.readLong()) : null);
      case "stats-count-1" -> new TwinStats.Count(in.readLong(), ref(in));
      case "stats-get-1" -> new TwinStats.Get(ref(in));
      case "cell-apply-1" ->
          new CellTwin.Apply(
              in.readInt(), in.readLong(), in.readLong(), LiveSerializer.readRows(in), ref(in));
      case "cell-flush-due-1" -> new CellTwin.FlushDue();
      case "cell-flush-permit-1" -> new CellTwin.FlushPermit();
      case "cell-stop-1" -> new CellTwin.Stop();
      // ingest-tick-1 (no answer) and ingest-get-1 (the counters alone) of an earlier version: the
      // one keep-alive message now does both
      case "ingest-tick-1" -> new IngestLog.Tick(null);
      case "ingest-tick-2" -> new IngestLog.Tick(in.readBoolean() ? ref(in) : null);
      case "ingest-get-1" -> new IngestLog.Tick(ref(in));
      case "ingest-append-1" -> {
        int n = count(in);
        List<IngestLog.CellRows> cells = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          cells.add(
              new IngestLog.CellRows(in.readInt(), in.readLong(), LiveSerializer.readRows(in)));
        }
        yield new IngestLog.Append(cells, ref(in));
      }
      case "ingest-appended-1" -> new IngestLog.Appended(in.readInt(), in.readInt());
      case "ingest-applied-1" -> new IngestLog.Applied(in.readLong(), in.readInt(), in.readInt());
      case "ingest-confirm-1" -> new IngestLog.Confirm(in.readInt(), in.readLong());
      case "ingest-resend-1" -> new IngestLog.Resend(in.readInt(), in.readLong());
      case "ingest-settled-1" -> new IngestLog.Settled(ref(in));
      case "ingest-stats-1" -> new IngestLog.Stats(in.readLong(), in.readLong(), in.readInt());
      default -> readView(in, manifest);
    };
  }

  private Object readFederated(DataInputStream in, String manifest) throws IOException {
    return switch (manifest) {
      case "fl-describe-1" -> new FlClientEntity.Describe(in.readLong(), in.readLong(), ref(in));
      case "fl-described-1" ->
          new FlClientEntity.Described(
              in.readInt(), string(in), in.readInt(), raw(in), raw(in), doubles(in));
      case "fl-train-round-1" ->
          new FlClientEntity.TrainRound(
              in.readInt(), in.readLong(), in.readLong(), floats(in), in.readLong(), ref(in));
      case "fl-round-update-1" ->
          new FlAggregator.RoundUpdate(
              in.readInt(),
              in.readInt(),
              string(in),
              floats(in),
              in.readLong(),
              raw(in),
              nullableString(in));
      case "fl-assess-1" -> {
        double x = in.readDouble();
        double y = in.readDouble();
        long from = in.readLong();
        long to = in.readLong();
        int n = count(in);
        List<float[]> twins = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          twins.add(floats(in));
        }
        yield new FlClientEntity.Assess(x, y, from, to, twins, ref(in));
      }
      case "fl-assessed-1" ->
          new FlClientEntity.Assessed(in.readInt(), string(in), in.readInt(), raw(in), raw(in));
      case "fl-spans-1" -> {
        String node = string(in);
        int n = count(in);
        Map<Integer, HeldCells.Span> spans = new HashMap<>();
        for (int i = 0; i < n; i++) {
          spans.put(in.readInt(), new HeldCells.Span(in.readLong(), in.readLong()));
        }
        yield new FlAggregator.Spans(node, spans);
      }
      case "fl-train-days-1" -> {
        OnlineTwinning.Dispatch d =
            new OnlineTwinning.Dispatch(
                string(in),
                in.readInt(),
                floats(in),
                in.readLong(),
                new SeriesScaler(in.readDouble(), in.readDouble()));
        yield new FlClientEntity.TrainDays(d, in.readLong(), in.readLong(), in.readLong(), ref(in));
      }
      case "fl-update-1" -> update(in, in.readInt(), "");
      case "fl-update-2" -> update(in, in.readInt(), string(in));
      case "fl-get-status-1" -> new FlAggregator.GetStatus(ref(in));
      case "fl-status-1" -> status(in, 1);
      case "fl-status-2" -> status(in, 2);
      case "fl-status-3" -> status(in, 3);
      case "fl-get-model-1" -> new FlAggregator.GetModel(in.readInt(), ref(in));
      case "fl-model-answer-1" -> {
        CellModel m = in.readBoolean() ? model(in) : null;
        yield new FlAggregator.ModelAnswer(m, string(in));
      }
      case "fl-get-models-1" -> new FlAggregator.GetModels(ref(in));
      case "fl-models-1" -> {
        int n = in.readInt();
        List<CellModel> models = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          models.add(model(in));
        }
        yield new FlAggregator.Models(models);
      }
      default -> throw unknown(manifest);
    };
  }

  /** An H-twin update after its cell (and, from version 2, its node). */
  private static FlAggregator.Update update(DataInputStream in, int cell, String node)
      throws IOException {
    long base = in.readLong();
    long through = in.readLong();
    LocalTraining.Result r =
        in.readBoolean()
            ? new LocalTraining.Result(
                doubles(in),
                new FitReport(in.readInt(), in.readLong(), in.readDouble(), in.readLong()))
            : null;
    return new FlAggregator.Update(cell, node, base, through, r, nullableString(in));
  }

  private static void status(DataOutputStream out, FlAggregator.Status s) throws IOException {
    string(out, s.phase());
    out.writeInt(s.round());
    out.writeInt(s.rounds());
    out.writeInt(s.losses().size());
    for (double l : s.losses()) {
      out.writeDouble(l);
    }
    out.writeInt(s.clusters());
    out.writeInt(s.clients().size());
    for (OnlineTwinning.ClientStatus c : s.clients()) {
      string(out, c.cell());
      out.writeInt(c.cluster());
      out.writeLong(c.updates());
      out.writeLong(c.rejected());
      out.writeLong(c.lastStaleness());
    }
    out.writeLong(s.applied());
    out.writeLong(s.rejected());
    out.writeLong(s.version());
    out.writeInt(s.daysHeld());
    out.writeInt(s.minDays());
    out.writeLong(s.trainedThroughSlot());
    nullableString(out, s.error());
    out.writeLong(s.roundTimeoutMillis());
    out.writeInt(s.traffic().size());
    for (FlAggregator.RoundTraffic r : s.traffic()) {
      string(out, r.phase());
      out.writeLong(r.round());
      out.writeInt(r.sent());
      out.writeInt(r.received());
      out.writeInt(r.dropped().size());
      for (int cell : r.dropped()) {
        out.writeInt(cell);
      }
      out.writeInt(r.nodes().size());
      for (FlAggregator.NodeTraffic n : r.nodes()) {
        string(out, n.node());
        out.writeInt(n.clients());
        out.writeLong(n.bytesSent());
        out.writeLong(n.bytesReceived());
      }
    }
    out.writeInt(s.clientNodes().size());
    for (Map.Entry<Integer, String> e : new TreeMap<>(s.clientNodes()).entrySet()) {
      out.writeInt(e.getKey());
      string(out, e.getValue());
    }
  }

  /**
   * A status; version 1 has no round timeout and no traffic, version 2 no clients' nodes.
   *
   * @param in the input
   * @param format the manifest's version
   */
  private static FlAggregator.Status status(DataInputStream in, int format) throws IOException {
    boolean traffic = format >= 2;
    String phase = string(in);
    int round = in.readInt();
    int rounds = in.readInt();
    int n = in.readInt();
    List<Double> losses = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      losses.add(in.readDouble());
    }
    int clusters = in.readInt();
    int m = in.readInt();
    List<OnlineTwinning.ClientStatus> clients = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      clients.add(
          new OnlineTwinning.ClientStatus(
              string(in), in.readInt(), in.readLong(), in.readLong(), in.readLong()));
    }
    long applied = in.readLong();
    long rejected = in.readLong();
    long version = in.readLong();
    int daysHeld = in.readInt();
    int minDays = in.readInt();
    long through = in.readLong();
    String error = nullableString(in);
    long timeout = traffic ? in.readLong() : 0;
    List<FlAggregator.RoundTraffic> kept = new ArrayList<>();
    int r = traffic ? count(in) : 0;
    for (int i = 0; i < r; i++) {
      String p = string(in);
      long at = in.readLong();
      int sent = in.readInt();
      int received = in.readInt();
      int d = count(in);
      List<Integer> dropped = new ArrayList<>(d);
      for (int j = 0; j < d; j++) {
        dropped.add(in.readInt());
      }
      int k = count(in);
      List<FlAggregator.NodeTraffic> nodes = new ArrayList<>(k);
      for (int j = 0; j < k; j++) {
        nodes.add(
            new FlAggregator.NodeTraffic(string(in), in.readInt(), in.readLong(), in.readLong()));
      }
      kept.add(new FlAggregator.RoundTraffic(p, at, sent, received, dropped, nodes));
    }
    Map<Integer, String> clientNodes = new HashMap<>();
    int c = format >= 3 ? count(in) : 0;
    for (int i = 0; i < c; i++) {
      clientNodes.put(in.readInt(), string(in));
    }
    return new FlAggregator.Status(
        phase,
        round,
        rounds,
        List.copyOf(losses),
        clusters,
        List.copyOf(clients),
        applied,
        rejected,
        version,
        daysHeld,
        minDays,
        through,
        error,
        timeout,
        kept,
        clientNodes);
  }

  /**
   * A cell's model: the architecture by its registry name and options (every architecture is
   * rebuilt from them), the weights, the scaler and the version.
   */
  private static void model(DataOutputStream out, CellModel m) throws IOException {
    architecture(out, m.architecture());
    string(out, m.cell());
    floats(out, m.parameters());
    out.writeDouble(m.scaler().mean());
    out.writeDouble(m.scaler().std());
    out.writeLong(m.version());
  }

  private static CellModel model(DataInputStream in) throws IOException {
    Architecture a = architecture(in);
    return new CellModel(
        string(in),
        a,
        floats(in),
        new SeriesScaler(in.readDouble(), in.readDouble()),
        in.readLong());
  }

  /** A network by its registry name and options (every architecture is rebuilt from them). */
  private static void architecture(DataOutputStream out, Architecture a) throws IOException {
    Architectures.Options o = options(a);
    string(out, a.name());
    WindowSpec w = o.windows();
    out.writeInt(w.closeness());
    out.writeInt(w.period());
    out.writeInt(w.slotsPerDay());
    out.writeBoolean(w.newestFirst());
    out.writeBoolean(w.hourOfDay());
    out.writeBoolean(w.dayOfWeek());
    out.writeInt(o.hidden());
    out.writeInt(o.layers());
    out.writeDouble(o.dropout());
  }

  private static Architecture architecture(DataInputStream in) throws IOException {
    String name = string(in);
    WindowSpec w =
        new WindowSpec(
            in.readInt(),
            in.readInt(),
            in.readInt(),
            in.readBoolean(),
            in.readBoolean(),
            in.readBoolean());
    Architectures.Options o =
        new Architectures.Options(w, in.readInt(), in.readInt(), in.readDouble());
    return Architectures.REGISTRY.factory(name).apply(o);
  }

  private static Architectures.Options options(Architecture a) {
    if (a instanceof Mlp m) {
      return new Architectures.Options(m.windows(), m.hidden(), m.layers(), m.dropout());
    } else if (a instanceof RecurrentNet r) {
      return new Architectures.Options(r.windows(), r.hidden(), r.layers(), r.dropout());
    } else if (a instanceof DualLstm d) {
      return new Architectures.Options(d.windows(), d.hidden(), d.layers(), d.dropout());
    }
    throw new IllegalArgumentException("dnt-live has no wire format for the network " + a.name());
  }

  private static void nullableString(DataOutputStream out, @Nullable String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      string(out, s);
    }
  }

  private static @Nullable String nullableString(DataInputStream in) throws IOException {
    return in.readBoolean() ? string(in) : null;
  }

  private static void doubles(DataOutputStream out, double[] a) throws IOException {
    out.writeInt(a.length);
    for (double x : a) {
      out.writeLong(Double.doubleToRawLongBits(x));
    }
  }

  private static double[] doubles(DataInputStream in) throws IOException {
    double[] a = new double[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = Double.longBitsToDouble(in.readLong());
    }
    return a;
  }

  private static void floats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a.length);
    for (float x : a) {
      out.writeInt(Float.floatToRawIntBits(x));
    }
  }

  private static float[] floats(DataInputStream in) throws IOException {
    float[] a = new float[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = Float.intBitsToFloat(in.readInt());
    }
    return a;
  }

  private static void longs(DataOutputStream out, long[] a) throws IOException {
    out.writeInt(a.length);
    for (long x : a) {
      out.writeLong(x);
    }
  }

  private static long[] longs(DataInputStream in) throws IOException {
    long[] a = new long[in.readInt()];
    for (int i = 0; i < a.length; i++) {
      a[i] = in.readLong();
    }
    return a;
  }
}
