#!/bin/bash
# Issue 12, p99 at 20,000 rows/s on the final code (C: the ingest log's own journal lane, FlushSoon
# reverted; merged main plus the revert), 2,000 cells, 8 clients, time order, radio on, closed-loop
# warm-up then 10 s at the rate unmeasured; five runs; then the city day on the same build.
OUT=/tmp/q/ab/out; cd /work/main
for r in 1 2 3 4 5; do
  rm -rf /tmp/q/state; f=$OUT/C-settle10-$r.txt
  { echo "# $(date -u +%FT%TZ) java -Xmx6g -Xms6g -XX:+AlwaysPreTouch --add-modules jdk.incubator.vector -cp /tmp/bj6/... dnt.benchmarks.live.HttpIngestRate /tmp/q/state 2000 8 time on 20000 warm 10"; uptime; } > $f
  java -Xmx6g -Xms6g -XX:+AlwaysPreTouch --add-modules jdk.incubator.vector -cp "/tmp/bj6/benchmarks-0.1.0-SNAPSHOT.jar:/tmp/bj6/lib/*" dnt.benchmarks.live.HttpIngestRate /tmp/q/state 2000 8 time on 20000 warm 10 >> $f 2>&1
  uptime >> $f; echo "C-settle10-$r $(grep '^rate' $f)"
done
rm -rf /tmp/dnt-city-day
{ echo "# $(date -u +%FT%TZ) java -Xmx10g --add-modules jdk.incubator.vector -cp /tmp/bj6/... dnt.benchmarks.live.CityDayReplay /tmp/dnt-city-day 10000 3 300 on"; uptime; } > /tmp/q/cityday.txt
java -Xmx10g --add-modules jdk.incubator.vector -cp "/tmp/bj6/benchmarks-0.1.0-SNAPSHOT.jar:/tmp/bj6/lib/*" dnt.benchmarks.live.CityDayReplay /tmp/dnt-city-day 10000 3 300 on >> /tmp/q/cityday.txt 2>&1
uptime >> /tmp/q/cityday.txt
echo "city end $(date -u)"
