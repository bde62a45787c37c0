#!/usr/bin/env bash
# Approval decisions per second with many running flows (issue #12), run by hand (never by CI):
#   bench/approval.sh [flows=10000] [decisions=2000] [clients=16]
# Builds the jar, starts Qiyue on a fresh PostgreSQL database on 127.0.0.1 (user postgres), and runs
# io.qiyue.bench.ApprovalBenchmark against it: N contracts created, reviewed and submitted into a one-step
# flow through the API, then D decisions by the approver with C clients (throughput, p50/p95/p99). Also
# prints the startup time and the heap after a full GC with the flows running.
set -euo pipefail
cd "$(dirname "$0")/.."
flows=${1:-10000}
decisions=${2:-2000}
clients=${3:-16}
port=${BENCH_PORT:-8096}
db=qiyue_approval_bench
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
work="$PWD/target/bench-approval" && rm -rf "$work" && mkdir -p "$work"
if [[ ${SKIP_BUILD:-} != 1 ]]; then
  mvn -B -q package test-compile -DskipTests
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
export QIYUE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db QIYUE_DB_USER=postgres QIYUE_DATA_DIR="$work/data" \
  QIYUE_ADMIN_PASSWORD=bench-admin-pw PORT=$port
java -Xmx1g -jar target/qiyue-0.1.0-SNAPSHOT.jar > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until grep -q "Started QiyueApplication" "$work/app.log"; do
  kill -0 $pid 2>/dev/null || { tail -40 "$work/app.log"; echo "the application stopped before it started" >&2; exit 1; }
  sleep 0.5
done
grep -o "Started QiyueApplication.*" "$work/app.log"
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.qiyue.bench.ApprovalBenchmark \
  "http://127.0.0.1:$port" "$QIYUE_ADMIN_PASSWORD" "$flows" "$decisions" "$clients"
jcmd "$pid" GC.run >/dev/null
sleep 1
echo "heap after a full GC: $(jcmd "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1)"
echo "resident set size: $(ps -o rss= -p "$pid" | awk '{printf "%.0f MB", $1/1024}')"
