#!/usr/bin/env bash
# How soon a change through one instance shows on another (issue #18), run by hand, never by CI:
#   bench/propagation.sh [rounds=20]
# Builds the jar, starts two instances on one fresh PostgreSQL database (127.0.0.1, user postgres) on ports
# 18181 and 18182, and runs io.qiyue.bench.PropagationBenchmark: a token revoked through the first until the second
# refuses it (the access-change relay polls every 250 ms), a contract created through the first until the second's
# search finds it by number (the search feeder polls every second). SKIP_BUILD=1 reuses the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-20}
db=qiyue_propagation_bench
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
work="$PWD/target/bench-propagation" && rm -rf "$work" && mkdir -p "$work"
if [[ ${SKIP_BUILD:-} != 1 ]]; then
  mvn -B -q package test-compile -DskipTests
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
export QIYUE_DB_URL=jdbc:postgresql://127.0.0.1:5432/$db QIYUE_DB_USER=postgres QIYUE_ADMIN_PASSWORD=bench-admin-pw
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for n in 1 2; do
  QIYUE_DATA_DIR="$work/data$n" PORT=$((18180 + n)) java -Xmx512m -jar target/qiyue-0.1.0-SNAPSHOT.jar \
    --qiyue.warmup=false > "$work/app$n.log" 2>&1 &
  pids+=($!)
  # the first migrates the database; the second starts once it is ready
  until curl -sf -o /dev/null "http://127.0.0.1:$((18180 + n))/actuator/health/readiness"; do
    kill -0 "${pids[-1]}" || { tail -30 "$work/app$n.log"; exit 1; }
    sleep 0.5
  done
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.qiyue.bench.PropagationBenchmark \
  18181 18182 "$QIYUE_ADMIN_PASSWORD" "$rounds"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
