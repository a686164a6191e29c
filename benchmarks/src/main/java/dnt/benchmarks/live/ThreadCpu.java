package dnt.benchmarks.live;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time per thread of this JVM between two points, grouped by thread name with the numbers
 * replaced by {@code #}: the Java threads by their full names ({@link ThreadMXBean}, which counts a
 * thread's native frames too, so PyTorch's work on the training thread is in it) and every thread
 * of the process, JVM-internal and native ones included (garbage collector, JIT compiler, PyTorch's
 * inter-op pool), by the 15-character name of {@code /proc/self/task/TID/comm} (Linux only). JFR
 * does not sample native frames, so the second view is what shows where the process's CPU went. A
 * thread that ended between the two points is counted in neither (the process total shows it).
 */
final class ThreadCpu {
  /** The kernel's clock ticks per second in {@code /proc/.../stat} (USER_HZ, 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100.0;

  private final Map<Long, Long> javaNanos;
  private final Map<Long, String> javaNames;
  private final Map<Long, Long> osTicks;
  private final Map<Long, String> osNames;
  private final long gcMillis;
  private final long gcCount;
  private final long processNanos;

  private ThreadCpu(
      Map<Long, Long> javaNanos,
      Map<Long, String> javaNames,
      Map<Long, Long> osTicks,
      Map<Long, String> osNames,
      long gcMillis,
      long gcCount,
      long processNanos) {
    this.javaNanos = javaNanos;
    this.javaNames = javaNames;
    this.osTicks = osTicks;
    this.osNames = osNames;
    this.gcMillis = gcMillis;
    this.gcCount = gcCount;
    this.processNanos = processNanos;
  }

  /** The CPU times now. */
  static ThreadCpu now() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, Long> nanos = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    long[] ids = mx.getAllThreadIds();
    ThreadInfo[] infos = mx.getThreadInfo(ids);
    for (int i = 0; i < ids.length; i++) {
      ThreadInfo info = infos[i];
      long t = mx.getThreadCpuTime(ids[i]);
      if (info != null && t >= 0) {
        nanos.put(ids[i], t);
        names.put(ids[i], info.getThreadName());
      }
    }
    Map<Long, Long> ticks = new HashMap<>();
    Map<Long, String> comms = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (Files.isDirectory(tasks)) {
      try (Stream<Path> s = Files.list(tasks)) {
        for (Path task : s.toList()) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
            long tid = Long.parseLong(task.getFileName().toString());
            ticks.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
            comms.put(tid, Files.readString(task.resolve("comm")).strip());
          } catch (IOException | RuntimeException e) {
            // the thread ended while it was read
          }
        }
      } catch (IOException e) {
        // no per-thread view
      }
    }
    long gcMs = 0;
    long gcN = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMs += Math.max(0, gc.getCollectionTime());
      gcN += Math.max(0, gc.getCollectionCount());
    }
    long process =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getProcessCpuTime()
            : -1;
    return new ThreadCpu(nanos, names, ticks, comms, gcMs, gcN, process);
  }

  /**
   * The CPU seconds spent since {@code before}, as lines: process total, collector pauses, then the
   * Java threads and the OS threads by group, largest first (groups under 0.5 s left out).
   *
   * @param before the earlier point
   * @return the report
   */
  List<String> since(ThreadCpu before) {
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "process CPU %.1f s; collector pauses %.1f s in %d collections",
            (processNanos - before.processNanos) / 1e9,
            (gcMillis - before.gcMillis) / 1e3,
            gcCount - before.gcCount));
    Map<String, Double> java = new TreeMap<>();
    javaNanos.forEach(
        (id, t) ->
            java.merge(
                group(javaNames.getOrDefault(id, "?")),
                (t - before.javaNanos.getOrDefault(id, 0L)) / 1e9,
                Double::sum));
    Map<String, Double> os = new TreeMap<>();
    osTicks.forEach(
        (tid, t) ->
            os.merge(
                group(osNames.getOrDefault(tid, "?")),
                (t - before.osTicks.getOrDefault(tid, 0L)) / TICKS_PER_SECOND,
                Double::sum));
    out.add("Java threads (CPU s, by name):");
    lines(java, out);
    out.add("all threads of the process (CPU s, by /proc comm):");
    lines(os, out);
    return out;
  }

  private static void lines(Map<String, Double> groups, List<String> out) {
    groups.entrySet().stream()
        .filter(e -> e.getValue() >= 0.5)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> out.add(String.format(Locale.ROOT, "  %8.1f  %s", e.getValue(), e.getKey())));
  }

  /** A thread's group: its name with every run of digits replaced by {@code #}. */
  static String group(String name) {
    return name.replaceAll("[0-9]+", "#");
  }
}
