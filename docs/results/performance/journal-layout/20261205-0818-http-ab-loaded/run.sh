#!/bin/bash
# A (legacy layout) then B (new layout), twice, one JVM at a time, from the repository root
CP="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
OUT=$(dirname "$0")
i=0
for layout in legacy new legacy new; do
  i=$((i + 1))
  rm -rf /tmp/h2s-ab
  { echo "before: $(cat /proc/loadavg)"
    timeout 420 nice -n 10 java -Xmx4g -Ddnt.benchmarks.journalSchema=$layout -cp "$CP" \
      dnt.benchmarks.live.HttpIngestRate /tmp/h2s-ab 500 4 time on 2>&1 | grep -v "^\s*at \|SLF4J"
    echo "after: $(cat /proc/loadavg)"; } > "$OUT/$i-$layout.txt"
  rm -rf /tmp/h2s-ab
done
