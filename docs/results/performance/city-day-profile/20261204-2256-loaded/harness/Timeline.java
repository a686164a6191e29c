import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.Instant;
import java.util.*;

/** Per window of W seconds: samples total, and shares of samples containing each marker. */
public class Timeline {
  public static void main(String[] a) throws Exception {
    double w = Double.parseDouble(a[1]);
    String[] marks = Arrays.copyOfRange(a, 2, a.length);
    TreeMap<Long, int[]> m = new TreeMap<>();
    TreeMap<Long, Double> gc = new TreeMap<>();
    try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
      while (f.hasMoreEvents()) {
        RecordedEvent e = f.readEvent();
        Instant t = e.getStartTime(); double s = t.getEpochSecond() + t.getNano() / 1e9;
        long k = (long) Math.floor(s / w);
        if (e.getEventType().getName().equals("jdk.GarbageCollection")) { gc.merge(k, e.getDuration("sumOfPauses").toNanos() / 1e9, Double::sum); continue; }
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
        int[] c = m.computeIfAbsent(k, x -> new int[marks.length + 1]);
        c[0]++;
        RecordedStackTrace st = e.getStackTrace(); if (st == null) continue;
        RecordedThread th = e.getThread("sampledThread");
        String tn = th == null || th.getJavaName() == null ? "" : th.getJavaName();
        for (int i = 0; i < marks.length; i++) {
          boolean hit = marks[i].startsWith("T:") && tn.startsWith(marks[i].substring(2));
          if (!hit) for (RecordedFrame x : st.getFrames()) { if ((x.getMethod().getType().getName() + "." + x.getMethod().getName()).contains(marks[i])) { hit = true; break; } }
          if (hit) c[i + 1]++;
        }
      }
    }
    System.out.print("window_start samples gc_pause_s"); for (String s : marks) System.out.print(" " + s); System.out.println();
    for (var e : m.entrySet()) {
      int[] c = e.getValue();
      System.out.printf("%d %d %.1f", (long) (e.getKey() * w), c[0], gc.getOrDefault(e.getKey(), 0.0));
      for (int i = 1; i < c.length; i++) System.out.printf(" %.0f%%", 100.0 * c[i] / c[0]);
      System.out.println();
    }
  }
}
