package dnt.live.runtime;

import dnt.data.integrity.IntegrityParams;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CPU of one cell's snapshot on each side of the journal: CellState.snapshot() (entity thread),
 * LiveSerializer.toBinary (snapshot store) and fromBinary + CellState.of (recovery), for a cell
 * holding DAYS days of the densified city (144 slots, 4 country codes a slot). Run against the
 * classpath before and after the change; the same source compiles against both.
 */
public final class SnapshotCost {
  public static void main(String[] args) {
    int days = Integer.parseInt(args[0]);
    int reps = Integer.parseInt(args[1]);
    IntegrityParams params = IntegrityParams.defaults();
    CellState state = new CellState(params);
    SplittableRandom r = new SplittableRandom(1);
    int[] codes = {39, 0, 33, 49};
    for (int slot = 0; slot < days * 144; slot++) {
      List<Observation> batch = new ArrayList<>();
      for (int c : codes) {
        batch.add(new Observation(2_300_000L + slot, c, r.nextDouble(), r.nextDouble(),
            r.nextDouble(), r.nextDouble(), r.nextDouble()));
      }
      state.apply(batch, List.of());
    }
    LiveSerializer ser = new LiveSerializer();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int round = 0; round < 3; round++) {
      long t0 = mx.getCurrentThreadCpuTime();
      CellSnapshot snap = null;
      for (int i = 0; i < reps; i++) {
        snap = state.snapshot();
        sink += snap.keys().length;
      }
      long t1 = mx.getCurrentThreadCpuTime();
      byte[] bytes = null;
      for (int i = 0; i < reps; i++) {
        bytes = ser.toBinary(snap);
        sink += bytes.length;
      }
      long t2 = mx.getCurrentThreadCpuTime();
      String manifest = ser.manifest(snap);
      for (int i = 0; i < reps; i++) {
        CellState back = CellState.of((CellSnapshot) ser.fromBinary(bytes, manifest), params);
        sink += back.size();
      }
      long t3 = mx.getCurrentThreadCpuTime();
      System.out.printf("round %d: %s, %d rows, %d bytes; CPU us per snapshot: snapshot() %.1f,"
              + " toBinary %.1f, fromBinary + CellState.of %.1f%n",
          round, manifest, state.size(), bytes.length, (t1 - t0) / 1e3 / reps,
          (t2 - t1) / 1e3 / reps, (t3 - t2) / 1e3 / reps);
    }
    System.out.println("(sink " + sink + ")");
  }
}
