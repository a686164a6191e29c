import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.Instant;
import java.util.*;

/** Top stacks (first D frames from the top, skipping frames matching skip) of samples whose stack contains `must`. */
public class Stacks {
  public static void main(String[] a) throws Exception {
    double from = Double.parseDouble(a[1]), to = Double.parseDouble(a[2]);
    String must = a[3]; int depth = Integer.parseInt(a[4]); int top = Integer.parseInt(a[5]);
    Map<String, Integer> m = new HashMap<>(); int n = 0, all = 0;
    try (RecordingFile f = new RecordingFile(Path.of(a[0]))) {
      while (f.hasMoreEvents()) {
        RecordedEvent e = f.readEvent();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
        Instant t = e.getStartTime(); double s = t.getEpochSecond() + t.getNano() / 1e9;
        if (s < from || s > to) continue;
        all++;
        RecordedStackTrace st = e.getStackTrace(); if (st == null) continue;
        StringBuilder b = new StringBuilder(); boolean ok = must.equals("-");
        int d = 0;
        for (RecordedFrame x : st.getFrames()) {
          String k = x.getMethod().getType().getName() + "." + x.getMethod().getName();
          if (k.contains(must)) ok = true;
          if (d++ < depth && (k.startsWith("org.apache.pekko.persistence") || k.startsWith("dnt.") || k.startsWith("org.h2.command") || k.startsWith("org.h2.index") || k.startsWith("org.h2.table") || k.startsWith("slick.jdbc"))) b.append("\n    ").append(k).append(":").append(x.getLineNumber());
        }
        if (ok) { n++; m.merge(b.toString(), 1, Integer::sum); }
      }
    }
    System.out.printf("%d of %d samples contain %s%n", n, all, must);
    final int nn = all;
    m.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top)
      .forEach(e -> System.out.printf("%6.2f%% %d%s%n", 100.0 * e.getValue() / nn, e.getValue(), e.getKey()));
  }
}
