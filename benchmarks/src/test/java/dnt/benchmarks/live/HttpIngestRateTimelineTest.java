package dnt.benchmarks.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The open-loop timeline of {@link HttpIngestRate}, worked by hand. */
final class HttpIngestRateTimelineTest {
  private static final long S = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void splitsEachBatchIntoItsWaitForAClientAndItsTimeInTheServer() {
    long begin = 100 * S;
    // batch 0: due at 0 s, sent at once, acknowledged 50 ms later
    // batch 1: due at 1 s, sent 3 s late (no free client), 200 ms in the server
    // batch 2: due at 6 s, sent at once, 10 ms in the server
    long[] due = {begin, begin + S, begin + 6 * S};
    long[] sent = {begin, begin + 4 * S, begin + 6 * S};
    long[] done = {begin + 50 * MS, begin + 4 * S + 200 * MS, begin + 6 * S + 10 * MS};
    long[] latency = new long[3];
    for (int b = 0; b < 3; b++) {
      latency[b] = done[b] - due[b];
    }
    String[] lines =
        HttpIngestRate.timeline(sent, latency, done, begin, 2000, 1000).strip().split("\n");
    assertEquals(3, lines.length);
    // window 0 s to 5 s: batches 0 and 1 were due; waits 0 and 3,000 ms, server 50 and 200 ms;
    // both acknowledged in it: 2,000 rows / 5 s = 400 rows/s
    assertEquals("0 2 1500.0 3000.0 125.0 200.0 400", lines[1]);
    // window 5 s to 10 s: batch 2, 1,000 rows / 5 s
    assertEquals("5 1 0.0 0.0 10.0 10.0 200", lines[2]);
  }
}
