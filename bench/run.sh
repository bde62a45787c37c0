#!/usr/bin/env bash
# Performance benchmark of issue #3, run by hand (never by CI):
#   bench/run.sh h2|postgres [contracts=100000] [clients=16]
# Builds the jar, trains a JDK AOT cache, starts Qiyue on a fresh database (H2 file or a fresh
# PostgreSQL database on 127.0.0.1), reports start-up time, seeds the contracts through the REST API
# with N concurrent clients (creation throughput), measures GET and filtered-list latencies, and
# the heap after a full GC. All traffic goes to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/run.sh h2|postgres [contracts] [clients]}
contracts=${2:-100000}
clients=${3:-16}
port=${BENCH_PORT:-8099}
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
work="$PWD/target/bench"
rm -rf "$work" && mkdir -p "$work"
mvn -B -q package test-compile -DskipTests
java -Djarmode=tools -jar target/qiyue-0.1.0-SNAPSHOT.jar extract --destination "$work/app" >/dev/null
jar="$work/app/qiyue-0.1.0-SNAPSHOT.jar"

export QIYUE_ADMIN_PASSWORD=bench-admin-pw QIYUE_DATA_DIR="$work/data" PORT=$port
case "$db" in
  h2) unset QIYUE_DB_URL || true ;;
  postgres)
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS qiyue_bench" -c "DROP DATABASE IF EXISTS qiyue_bench_train"
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE qiyue_bench" -c "CREATE DATABASE qiyue_bench_train"
    export QIYUE_DB_USER=postgres QIYUE_DB_PASSWORD= ;;
  *) echo "unknown database $db" >&2; exit 2 ;;
esac

# AOT cache training run on a throwaway database of the same kind (exits once the context is refreshed)
if [ "$db" = postgres ]; then export QIYUE_DB_URL=jdbc:postgresql://127.0.0.1:5432/qiyue_bench_train; fi
QIYUE_DATA_DIR="$work/train" java -XX:AOTCacheOutput="$work/app.aot" -Dspring.context.exit=onRefresh -jar "$jar" \
  > "$work/train.log" 2>&1 || true
if [ "$db" = postgres ]; then export QIYUE_DB_URL=jdbc:postgresql://127.0.0.1:5432/qiyue_bench; fi

start_app() {
  java -Xmx1g -XX:AOTCache="$work/app.aot" -jar "$jar" > "$work/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -q "Started QiyueApplication" "$work/app.log" && break; sleep 0.5; done
  grep -o "Started QiyueApplication.*" "$work/app.log"
}
start_app
client() { java -cp target/test-classes:target/classes io.qiyue.bench.ApiLoadBenchmark "http://127.0.0.1:$port" \
  "$QIYUE_ADMIN_PASSWORD" "$contracts" "$clients" "$1"; }
client seed
# what autovacuum does some time after a bulk load; measured reads should not depend on its timing
if [ "$db" = postgres ]; then psql -h 127.0.0.1 -U postgres -d qiyue_bench -qc "VACUUM ANALYZE"; fi
client measure
jcmd "$pid" GC.run >/dev/null
sleep 1
echo "heap after load and a full GC: $(jcmd "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1)"
echo "resident set size: $(ps -o rss= -p "$pid" | awk '{printf "%.0f MB", $1/1024}')"
kill "$pid"; wait "$pid" 2>/dev/null || true
echo "restart with $contracts contracts in the database:"
start_app
kill "$pid"; wait "$pid" 2>/dev/null || true
