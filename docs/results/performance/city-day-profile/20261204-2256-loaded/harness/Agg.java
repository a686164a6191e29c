import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.Instant;
import java.util.*;

/** Aggregates jdk.ExecutionSample events after a given epoch second: by thread, by top frame, by frame anywhere in stack (inclusive). */
public class Agg {
  public static void main(String[] a) throws Exception {
    Path p = Path.of(a[0]);
    double from = a.length > 1 ? Double.parseDouble(a[1]) : 0;
    double to = a.length > 2 ? Double.parseDouble(a[2]) : Double.MAX_VALUE;
    int top = a.length > 3 ? Integer.parseInt(a[3]) : 40;
    Map<String, Integer> byThread = new HashMap<>(), self = new HashMap<>(), incl = new HashMap<>();
    Map<String, Integer> gc = new HashMap<>();
    int n = 0; double gcPause = 0;
    try (RecordingFile f = new RecordingFile(p)) {
      while (f.hasMoreEvents()) {
        RecordedEvent e = f.readEvent();
        Instant t = e.getStartTime();
        double s = t.getEpochSecond() + t.getNano() / 1e9;
        if (s < from || s > to) continue;
        String name = e.getEventType().getName();
        if (name.equals("jdk.GarbageCollection")) { gcPause += e.getDuration("sumOfPauses").toNanos() / 1e9; gc.merge(e.getString("name"), 1, Integer::sum); continue; }
        if (!name.equals("jdk.ExecutionSample")) continue;
        n++;
        RecordedThread th = e.getThread("sampledThread");
        String tn = th == null ? "?" : th.getJavaName();
        if (tn != null) tn = tn.replaceAll("-\\d+$", "-N").replaceAll("\\d+", "N");
        byThread.merge(tn, 1, Integer::sum);
        RecordedStackTrace st = e.getStackTrace();
        if (st == null) continue;
        List<RecordedFrame> fr = st.getFrames();
        if (!fr.isEmpty()) self.merge(m(fr.get(0)), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame x : fr) { String k = m(x); if (seen.add(k)) incl.merge(k, 1, Integer::sum); }
      }
    }
    System.out.printf("samples %d, GC pauses %.2f s, GCs %s%n", n, gcPause, gc);
    print("threads", byThread, n, top);
    print("self (top frame)", self, n, top);
    print("inclusive", incl, n, top * 2);
  }
  static String m(RecordedFrame f) { return f.getMethod().getType().getName() + "." + f.getMethod().getName(); }
  static void print(String title, Map<String, Integer> m, int n, int top) {
    System.out.println("== " + title);
    m.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top)
      .forEach(e -> System.out.printf("%6.2f%% %7d %s%n", 100.0 * e.getValue() / n, e.getValue(), e.getKey()));
  }
}
