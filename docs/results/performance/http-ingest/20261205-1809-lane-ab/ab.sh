#!/bin/bash
# Issue 12, p99 at 20,000 rows/s: main's dnt-live (A) against the ingest log's own journal lane
# and FlushSoon (B), the same benchmark jar (with the settling argument) for both, alternating,
# 2,000 cells, 8 clients, time order, radio on, closed-loop warm-up then 10 s at the rate
# unmeasured; then B once without the settling time (the earlier protocol), and B twice at 4,000
# cells with the settling time.
# A = /tmp/bjA5 (benchmarks and libraries of B, dnt-live-0.1.0-SNAPSHOT.jar of main 7fdf379, before this session)
# B = /tmp/bj5 (merged main a6210ba: the lane, FlushSoon, the radio recovery)
OUT=${OUT:-/tmp/q/ab/out}; mkdir -p $OUT
cd /work/main
run() { # name cp settle [cells]
  rm -rf /tmp/q/state
  f=$OUT/$1.txt
  { echo "# $(date -u +%FT%TZ) java -Xmx6g -Xms6g -XX:+AlwaysPreTouch --add-modules jdk.incubator.vector -cp $2/... dnt.benchmarks.live.HttpIngestRate /tmp/q/state ${4:-2000} 8 time on 20000 warm $3"; uptime; } > $f
  java -Xmx6g -Xms6g -XX:+AlwaysPreTouch --add-modules jdk.incubator.vector -cp "$2/benchmarks-0.1.0-SNAPSHOT.jar:$2/lib/*" dnt.benchmarks.live.HttpIngestRate /tmp/q/state ${4:-2000} 8 time on 20000 warm $3 >> $f 2>&1
  uptime >> $f
  echo "$1 $(grep '^rate' $f)"
}
for r in 1 2 3 4; do
  run A-settle10-$r /tmp/bjA5 10
  run B-settle10-$r /tmp/bj5 10
done
run B-nosettle-1 /tmp/bj5
run B-4000-settle10-1 /tmp/bj5 10 4000
run B-4000-settle10-2 /tmp/bj5 10 4000
