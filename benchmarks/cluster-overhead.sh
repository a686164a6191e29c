#!/usr/bin/env bash
# Issue 14's overhead benchmark: durable ingest through HTTP with the live twin alone and on a
# Pekko cluster of 1, 2 and 3 local nodes (docs/PERFORMANCE.md, "The live twin on a cluster: the
# overhead"). Every configuration runs separate `dnt serve` processes from the packaged jar
# (dnt-cli/target/dnt-cli.jar), back to back, each on a fresh journal, with the same client
# (dnt.benchmarks.live.ClusterIngestRate: one day of CELLS cells, seed 42, batches of 1,000 rows,
# CLIENTS concurrent senders, a closed loop, batch b to node b mod n):
#
#   single-h2   dnt serve with no cluster options: the embedded H2 journal (the default)
#   single-pg   dnt serve --journal-url jdbc:postgresql://...: the same single node on PostgreSQL
#   cluster-1   dnt serve --node-port P --seed-nodes 127.0.0.1:P on PostgreSQL: a cluster of one
#   cluster-2   two such nodes on one PostgreSQL journal, the first the seed node
#   cluster-3   three
#
# single-h2 against single-pg is the journal's cost, single-pg against cluster-1 the cluster path's
# (issue 14: at most 30% at 1 node), cluster-2 and -3 what more nodes on the same cores cost. All
# nodes run with --replay off --radio off --rate-limit 0 and --forecast $FORECAST (off by default:
# the ingest path alone). PostgreSQL: DNT_TEST_PG_URL, DNT_TEST_PG_USER and
# DNT_TEST_PG_PASSWORD_FILE as .ci/postgres.sh exports them (sourced here when unset: it installs and
# starts Debian's postgresql if needed); each configuration gets a schema of its own, dropped after.
#
# Usage: benchmarks/cluster-overhead.sh [OUTPUT_FILE]   (default: ./cluster-overhead-TIMESTAMP.txt)
# Environment: CELLS (10000), CLIENTS (4), ORDER (time; or file), CONFIGS (all five, in the order
#   above), FORECAST (off), HEAP (1g, per node), HTTP_PORT (18080: nodes on 18080, 18081, ...),
#   NODE_PORT (25620), WORK (a temporary folder, deleted at the end).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CELLS="${CELLS:-10000}"
CLIENTS="${CLIENTS:-4}"
ORDER="${ORDER:-time}"
CONFIGS="${CONFIGS:-single-h2 single-pg cluster-1 cluster-2 cluster-3}"
FORECAST="${FORECAST:-off}"
HEAP="${HEAP:-1g}"
HTTP_PORT="${HTTP_PORT:-18080}"
NODE_PORT="${NODE_PORT:-25620}"
out="$(realpath -m "${1:-cluster-overhead-$(date -u +%Y%m%dT%H%M%SZ).txt}")"
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"

cli="$here/dnt-cli/target/dnt-cli.jar"
bench="$here/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar"
if [ ! -f "$cli" ] || [ ! -f "$bench" ]; then
  echo "building dnt-cli and benchmarks (mvn -o -q -DskipTests package)..." >&2
  (cd "$here" && mvn -o -B -q -DskipTests package -pl dnt-cli,benchmarks -am) >&2
fi
if [ -z "${DNT_TEST_PG_URL:-}" ]; then
  # shellcheck source=/dev/null
  . "$here/.ci/postgres.sh"
fi
if [ -z "${DNT_TEST_PG_URL:-}" ]; then
  echo "no PostgreSQL: the configurations other than single-h2 need one" >&2
  exit 2
fi
pg_host_port_db="${DNT_TEST_PG_URL#jdbc:postgresql://}"
pg_host="${pg_host_port_db%%:*}"
pg_port="${pg_host_port_db#*:}"; pg_port="${pg_port%%/*}"
pg_db="${pg_host_port_db#*/}"; pg_db="${pg_db%%\?*}"
psql_bench() {
  PGPASSWORD="$(head -1 "$DNT_TEST_PG_PASSWORD_FILE")" psql -q -v ON_ERROR_STOP=1 \
    -h "$pg_host" -p "$pg_port" -U "$DNT_TEST_PG_USER" -d "$pg_db" -c "$1"
}

token="bench-operator-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
printf 'operator %s\n' "$token" > "$work/tokens"
printf '%s\n' "$token" > "$work/token"
chmod 600 "$work/tokens" "$work/token"

pids=()
stop_nodes() {
  for p in "${pids[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  pids=()
}
cleanup() {
  stop_nodes
  if [ -z "${WORK:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

await_up() { # URL MEMBERS
  local deadline=$((SECONDS + 180))
  until curl -sf "$1/api/v1/health" >/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "$1 did not answer within 180 s" >&2; return 1; }
    sleep 1
  done
  until [ "$(curl -sf -H "Authorization: Bearer $token" "$1/api/v1/cluster" \
      | grep -o '"status":"Up"' | wc -l)" -ge "$2" ]; do
    [ $SECONDS -lt $deadline ] || { echo "$1: fewer than $2 members up after 180 s" >&2; return 1; }
    sleep 1
  done
}

{
  echo "# benchmarks/cluster-overhead.sh, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1)"
  echo "# git: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "# CELLS=$CELLS CLIENTS=$CLIENTS ORDER=$ORDER FORECAST=$FORECAST HEAP=$HEAP"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out"
began=$SECONDS
for config in $CONFIGS; do
  case "$config" in
    single-h2) n=1; journal=none; cluster=no ;;
    single-pg) n=1; journal=pg; cluster=no ;;
    cluster-[1-9]) n="${config#cluster-}"; journal=pg; cluster=yes ;;
    *) echo "unknown configuration $config" >&2; exit 2 ;;
  esac
  schema="bench_${config//-/_}_$$"
  if [ "$journal" = pg ]; then
    psql_bench "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema"
  fi
  seeds="127.0.0.1:$NODE_PORT"
  urls=()
  for ((i = 0; i < n; i++)); do
    args=(serve --state "$work/$config-$i" --port $((HTTP_PORT + i)) --tokens "$work/tokens"
      --replay off --radio off --forecast "$FORECAST" --rate-limit 0)
    if [ "$journal" = pg ]; then
      args+=(--journal-url "$DNT_TEST_PG_URL?currentSchema=$schema"
        --journal-user "$DNT_TEST_PG_USER" --journal-password-file "$DNT_TEST_PG_PASSWORD_FILE")
    fi
    if [ "$cluster" = yes ]; then
      args+=(--node-port $((NODE_PORT + i)) --seed-nodes "$seeds")
    fi
    java -Djava.awt.headless=true "-Xmx$HEAP" -jar "$cli" "${args[@]}" \
      > "$work/$config-$i.log" 2>&1 &
    pids+=($!)
    urls+=("http://127.0.0.1:$((HTTP_PORT + i))")
    # the seed node first: the others join it
    if [ "$i" = 0 ]; then await_up "${urls[0]}" 1; fi
  done
  for u in "${urls[@]}"; do await_up "$u" "$n"; done
  joined_urls="$(IFS=,; echo "${urls[*]}")"
  joined_pids="$(IFS=,; echo "${pids[*]}")"
  java -cp "$bench:$here/benchmarks/target/lib/*" dnt.benchmarks.live.ClusterIngestRate \
    "$joined_urls" "$work/token" "$CELLS" "$CLIENTS" "$ORDER" "$joined_pids" "$config" \
    | tee -a "$out"
  stop_nodes
  if [ "$journal" = pg ]; then
    psql_bench "DROP SCHEMA IF EXISTS $schema CASCADE"
  fi
done
echo "# all configurations in $((SECONDS - began)) s; load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
echo "results in $out" >&2
