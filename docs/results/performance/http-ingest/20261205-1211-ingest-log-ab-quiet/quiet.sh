#!/bin/bash
# quiet measurements, one JVM at a time; run from /work/main
set -u
cd /work/main
export DJL_CACHE_DIR=/work/main/djlcache
log() { echo "[$(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)] $*" | tee -a /tmp/q/quiet.log; }
NEW="/tmp/bench-new/benchmarks-0.1.0-SNAPSHOT.jar:/tmp/bench-new/lib/*"
OLD="/tmp/bench-old/benchmarks-0.1.0-SNAPSHOT.jar:/tmp/bench-old/lib/*"
# 1. HTTP ingest, A B A B: per-cell path (partitions=0) vs ingest log (default 4)
for rep in 1 2; do
  for p in 0 4; do
    log "http open warm partitions=$p rep $rep"
    rm -rf /tmp/q/http-$p
    java -Xmx6g -Ddnt-live.ingest-log.partitions=$p -cp "$NEW" dnt.benchmarks.live.HttpIngestRate /tmp/q/http-$p 2000 8 time on 20000 warm > /tmp/q/http-open-p$p-rep$rep.txt 2>&1
    tail -4 /tmp/q/http-open-p$p-rep$rep.txt | tee -a /tmp/q/quiet.log
  done
done
for p in 0 4; do
  log "http closed partitions=$p"
  rm -rf /tmp/q/http-$p
  java -Xmx6g -Ddnt-live.ingest-log.partitions=$p -cp "$NEW" dnt.benchmarks.live.HttpIngestRate /tmp/q/http-$p 2000 4 time on > /tmp/q/http-closed-p$p.txt 2>&1
  tail -4 /tmp/q/http-closed-p$p.txt | tee -a /tmp/q/quiet.log
done
rm -rf /tmp/q/http-0 /tmp/q/http-4
# 2. aggregation vs numpy (vector kernels), then the scalar kernels for Mean and TID
log "aggregation vs numpy"
OUT=/tmp/q/agg benchmarks/scripts/aggregation-vs-numpy.sh mean,tid,median,trimmed-mean,krum,multi-krum 100 1000000 5 > /tmp/q/agg.txt 2>&1
tail -12 /tmp/q/agg.txt | tee -a /tmp/q/quiet.log
log "aggregation scalar mean,tid"
SIMD=scalar OUT=/tmp/q/agg-scalar benchmarks/scripts/aggregation-vs-numpy.sh mean,tid 100 1000000 5 > /tmp/q/agg-scalar.txt 2>&1
tail -6 /tmp/q/agg-scalar.txt | tee -a /tmp/q/quiet.log
# 3. one-thread federated round, old (5edd39a) vs new, A B B A
export MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=67108864
for which in OLD NEW NEW OLD; do
  cp="${!which}"
  log "federated round $which"
  java -Ddnt.home=$PWD -cp "$cp" org.openjdk.jmh.Main FederatedRoundBenchmark -p batched=true -p threads=1 -f 1 -wi 2 -i 5 \
    -jvmArgsAppend "--add-modules jdk.incubator.vector -Ddnt.home=$PWD -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1" > /tmp/q/fed-$which-$(date +%H%M%S).txt 2>&1
  grep -E "FederatedRoundBenchmark.*avgt|ms/op" /tmp/q/fed-$which-*.txt | tail -1 | tee -a /tmp/q/quiet.log
done
log "done"
