package dnt.benchmarks.twin;

import dnt.core.BaseStationId;
import dnt.core.geo.GeoBounds;
import dnt.core.radio.LosMode;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.TwinDelta;
import dnt.core.twin.TwinEvent;
import dnt.core.util.Seeds;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * One-shot measurement of issue 4's targets on the synthetic Milan-sized city, outside JMH so that
 * build time, retained heap, the latency distribution of single handovers and a full recomputation
 * come from the same run and the same twin. JMH versions of the same measurements are in {@link
 * TwinBenchmark}.
 *
 * {@snippet lang="shell" :
 * java -Xmx4g -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     dnt.benchmarks.twin.TwinScaleProbe 10000 1000000 never
 * }
 */
public final class TwinScaleProbe {
  private TwinScaleProbe() {}

  /**
   * Runs the probe.
   *
   * @param args stations, users, LOS mode (never, random, always)
   */
  public static void main(String[] args) {
    int stations = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int users = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    LosMode los = args.length > 2 ? LosMode.parse(args[2]) : LosMode.NEVER;
    GeoBounds area = CityScale.milanExtent();
    System.out.printf(
        Locale.ROOT,
        "city %.0f x %.0f m, %d stations, %d users, LOS %s, %d cores%n",
        area.width(),
        area.height(),
        stations,
        users,
        los,
        Runtime.getRuntime().availableProcessors());
    long t0 = System.nanoTime();
    NetworkTwin twin = CityScale.build(area, los, stations, users);
    double buildS = (System.nanoTime() - t0) / 1e9;
    System.gc();
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf(
        Locale.ROOT,
        "build %.1f s, heap used after GC %.0f MB (max %.0f MB), station range %.0f m%n",
        buildS,
        heap.getUsed() / 1e6,
        heap.getMax() / 1e6,
        twin.rangeM(BaseStationId.of(0)));
    System.out.println("kpis " + twin.kpis());

    RandomGenerator rng = Seeds.generator(7);
    List<BaseStationId> ids = twin.stationIds();
    int n = 3000;
    long[] lat = new long[n];
    long[] cpu = new long[n];
    long changed = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < n; i++) {
      TwinEvent e = CityScale.handover(twin, rng, ids);
      long c = threads.getCurrentThreadCpuTime();
      long s = System.nanoTime();
      TwinDelta d = twin.apply(e);
      lat[i] = System.nanoTime() - s;
      cpu[i] = threads.getCurrentThreadCpuTime() - c;
      changed += d.userChangeCount();
    }
    long[] warm = Arrays.copyOfRange(lat, 500, n);
    long[] warmCpu = Arrays.copyOfRange(cpu, 500, n);
    Arrays.sort(warm);
    Arrays.sort(warmCpu);
    System.out.printf(
        Locale.ROOT,
        "handover wall: median %.3f ms, p99 %.3f ms, max %.3f ms, mean users changed %.0f%n",
        warm[warm.length / 2] / 1e6,
        warm[(int) (warm.length * 0.99)] / 1e6,
        warm[warm.length - 1] / 1e6,
        (double) changed / n);
    System.out.printf(
        Locale.ROOT,
        "handover cpu:  median %.3f ms, p99 %.3f ms (thread CPU time: excludes time other processes"
            + " took from this thread)%n",
        warmCpu[warmCpu.length / 2] / 1e6,
        warmCpu[(int) (warmCpu.length * 0.99)] / 1e6);
    long r0 = System.nanoTime();
    NetworkTwin full = twin.recomputed();
    double fullMs = (System.nanoTime() - r0) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "full recomputation %.0f ms (%.0fx the median handover), max relative difference %.2e%n",
        fullMs,
        fullMs / (warm[warm.length / 2] / 1e6),
        twin.maxRelativeDifference(full));
    full = null;

    int events = 50_000;
    long time = 0;
    long c0 = threads.getCurrentThreadCpuTime();
    long e0 = System.nanoTime();
    long deltas = 0;
    for (int i = 0; i < events; i++) {
      time += 10;
      TwinEvent e =
          rng.nextInt(10) == 0
              ? CityScale.handover(twin, rng, ids)
              : CityScale.move(twin, rng, area, time);
      deltas += twin.apply(e).userChangeCount();
    }
    double sec = (System.nanoTime() - e0) / 1e9;
    double cpuSec = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "throughput: %.0f events/s wall, %.0f events per CPU-second (90%% moves, 10%% handovers),"
            + " %d user changes in %d deltas%n",
        events / sec,
        events / cpuSec,
        deltas,
        events);
    System.out.printf(
        Locale.ROOT,
        "load average at the end: %.2f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
