#!/usr/bin/env bash
cd /work/main
CP="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*"
for layout in legacy new legacy new; do
  rm -rf /tmp/q/layout-$layout
  echo "== $layout $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xmx5g -Ddnt.benchmarks.journalSchema=$layout -cp "$CP" dnt.benchmarks.live.HttpIngestRate /tmp/q/layout-$layout 1000 4 time on 2>&1 | grep -v '^#\|SLF4J\|slf4j\|^$\|pom.xml\|dependency\|groupId\|artifactId\|version>\|build.gradle\|implementation\|Visit'
done
echo "== end $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
