#!/usr/bin/env bash
# Import throughput with review (issue #16), run by hand (never by CI):
#   bench/import.sh [contracts=20000]
# Builds the jar, starts Qiyue on a fresh PostgreSQL database on 127.0.0.1 (user postgres), and runs
# io.qiyue.bench.ImportBenchmark against it: 50 customers imported from a CSV, then one CSV of N legacy contracts
# (five types; signed, active and expired) imported in one job — the check pass, the write pass (version, audit,
# document, review, obligations per contract) and contracts per second. Target: ≥ 2,000 contracts/s. After each
# round it waits until the search index has taken the round's contracts (the feeder reads them after the import's
# commit) and prints how long that took, so that every round measures an import on an instance at rest.
# N is capped by the import's 100,000 rows per file and its 20 MB upload limit (about 150,000 rows of this file).
set -euo pipefail
cd "$(dirname "$0")/.."
contracts=${1:-20000}
port=${BENCH_PORT:-8097}
db=${BENCH_DB:-qiyue_import_bench}
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
work="$PWD/target/bench-import" && rm -rf "$work" && mkdir -p "$work"
if [[ ${SKIP_BUILD:-} != 1 ]]; then
  mvn -B -q package test-compile -DskipTests
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
# BENCH_PG_SET: settings for the app's sessions, e.g. "log_min_duration_statement=0 log_parameter_max_length=0"
for setting in ${BENCH_PG_SET:-}; do
  psql -h 127.0.0.1 -U postgres -qc "ALTER DATABASE $db SET ${setting%%=*} = '${setting#*=}'"
done
export QIYUE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db QIYUE_DB_USER=postgres QIYUE_DATA_DIR="$work/data" \
  QIYUE_ADMIN_PASSWORD=bench-admin-pw PORT=$port
# BENCH_ROUNDS: imports of N contracts one after the other in the same app (the first also compiles the code).
# BENCH_JAR: the app's jar (e.g. a copy of another build, to compare); BENCH_CLIENT_CP: the benchmark client's classpath.
# BENCH_DB: the database's name (dropped and created again); BENCH_PORT: the app's port.
# BENCH_JAVA_OPTS: e.g. -XX:StartFlightRecording=filename=/tmp/x.jfr,settings=profile,dumponexit=true to profile the app
java -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "${BENCH_JAR:-target/qiyue-0.1.0-SNAPSHOT.jar}" > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until grep -q "Started QiyueApplication" "$work/app.log"; do
  kill -0 $pid 2>/dev/null || { tail -40 "$work/app.log"; echo "the application stopped before it started" >&2; exit 1; }
  sleep 0.5
done
grep -o "Started QiyueApplication.*" "$work/app.log"
# The start-up's background work (module warm-ups, the approval engine) would otherwise share the cores and the
# app's CPU time with the import being measured: wait for it (at most two minutes).
for _ in $(seq 240); do
  grep -q "Warm-up done" "$work/app.log" && grep -q "Approval engine .* built" "$work/app.log" && break
  sleep 0.5
done
java -Drounds="${BENCH_ROUNDS:-1}" -cp "${BENCH_CLIENT_CP:-target/test-classes:target/classes:$(cat target/bench-classpath.txt)}" io.qiyue.bench.ImportBenchmark \
  "http://127.0.0.1:$port" "$QIYUE_ADMIN_PASSWORD" "$contracts" "$pid"
echo "resident set size: $(ps -o rss= -p "$pid" | awk '{printf "%.0f MB", $1/1024}')"
