#!/bin/bash
# usage: runC.sh JARDIR LABEL CELLS N
J=$1; L=$2; C=$3; N=$4
cd /work/main
for i in $(seq 1 $N); do
  rm -rf /tmp/q/state
  uptime > /tmp/q/$L-$i.txt
  java -Xmx6g -Xms6g -XX:+AlwaysPreTouch -Xlog:gc:file=/tmp/q/$L-$i-gc.log:uptime --add-modules jdk.incubator.vector -cp "$J/benchmarks-0.1.0-SNAPSHOT.jar:$J/lib/*" dnt.benchmarks.live.HttpIngestRate /tmp/q/state $C 8 time on 20000 warm 10 >> /tmp/q/$L-$i.txt 2>&1
  uptime >> /tmp/q/$L-$i.txt
  grep "p99" /tmp/q/$L-$i.txt
done
