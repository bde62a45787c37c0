#!/usr/bin/env bash
# List pages and exports over the benchmark data of bench/generate.sh (issue #16), run by hand (never by CI):
#   [LISTS=list|customers] bench/list.sh [database=qiyue_bench16] [requests=100] [export-query=format=csv]
# Starts the application (-Xmx512m) on the PostgreSQL database already seeded by bench/generate.sh (left as it
# is: nothing is written but API tokens), then with io.qiyue.bench.ListBenchmark measures GET /api/v1/contracts
# and /customers (page of 20, admin / sales manager / salesperson, with and without filters and sorting:
# p50/p95/p99 after 10 discarded requests, one client), and the contract export given (CSV, then XLSX) while
# sampling the server's heap with jcmd every half second. Needs `mvn -o test-compile` and
# target/bench-classpath.txt (bench/generate.sh makes both). A first start after new migrations builds their
# indexes on the million rows (minutes).
# BENCH_DATA_DIR: a data folder kept between runs (default: a fresh one under target/). The list's total comes from
# the search index while the index holds every change (README "Contract list total"); with a fresh folder the index
# is rebuilt in the background first (minutes at 100,000 records, much longer at a million), and the database
# counts until it is done. With a kept folder the index of an earlier run is used as it is.
# BENCH_APP_ARGS: more arguments for the application, e.g. --qiyue.search.initial-delay=PT24H (no index work).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-qiyue_bench16}
requests=${2:-100}
export_query=${3:-format=csv}
port=${BENCH_PORT:-8116}
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
work="$PWD/target/bench-list" && rm -rf "$work" && mkdir -p "$work/data"
data=${BENCH_DATA_DIR:-$work/data} && mkdir -p "$data"
export QIYUE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" QIYUE_DB_USER=postgres QIYUE_DB_PASSWORD= \
  QIYUE_DATA_DIR="$data" PORT=$port QIYUE_ADMIN_PASSWORD=${QIYUE_ADMIN_PASSWORD:-bench-admin-pw}
java -Xmx512m -cp "$cp" io.qiyue.QiyueApplication --server.address=127.0.0.1 ${BENCH_APP_ARGS:-} --qiyue.lifecycle.calendar-cron=- \
  --qiyue.obligation.scan-cron=- --qiyue.reminders.cron=- > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do grep -q "Started QiyueApplication" "$work/app.log" && break; sleep 0.5; done
grep -o "Started QiyueApplication.*" "$work/app.log"
echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg); contracts: $(psql -h 127.0.0.1 -U postgres -d "$db" -Atc 'SELECT COUNT(*) FROM contract')"
echo "search index: $(curl -s -u "admin:$QIYUE_ADMIN_PASSWORD" "http://127.0.0.1:$port/api/v1/search/rebuild")"
client() { java -cp "$cp" io.qiyue.bench.ListBenchmark "http://127.0.0.1:$port" "$QIYUE_ADMIN_PASSWORD" "$requests" "$@"; }
client "${LISTS:-list}"
heap() { jcmd "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+'; }
for q in "$export_query" "${export_query/format=csv/format=xlsx}"; do
  jcmd "$pid" GC.run >/dev/null; sleep 1
  echo "heap used before the export, after a full GC: $(( $(heap) / 1024 )) MB"
  ( while kill -0 "$pid" 2>/dev/null; do heap; sleep 0.5; done ) > "$work/heap.txt" &
  sampler=$!
  client export "$q"
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  sort -n "$work/heap.txt" | awk '{a[NR]=$1} END {printf "heap used during the export (%d samples): min %d MB, median %d MB, max %d MB\n", NR, a[1]/1024, a[int((NR+1)/2)]/1024, a[NR]/1024}'
  jcmd "$pid" GC.run >/dev/null; sleep 1
  echo "heap used after the export, after a full GC: $(( $(heap) / 1024 )) MB"
done
