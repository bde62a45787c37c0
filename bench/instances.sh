#!/usr/bin/env bash
# One instance against two behind nginx on this machine (issue #18), run by hand, never by CI:
#   bench/instances.sh [seconds per series=20]
# Starts bin/two-instances on a fresh PostgreSQL database (instances on 8081 and 8082, nginx on 8080; needs nginx),
# then io.qiyue.bench.InstancesBenchmark: after a warm-up of both through nginx, GET by id and contract creation with
# 16 clients, first against instance 1
# directly, then through nginx, printing the rates and the CPU seconds per 1,000 requests of each instance, nginx
# and PostgreSQL (all its processes). SKIP_BUILD=1 reuses the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
db=qiyue_instances_bench
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
if [[ ${SKIP_BUILD:-} != 1 ]]; then
  mvn -B -q package test-compile -DskipTests
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
rm -rf target/two-instances
export QIYUE_ADMIN_PASSWORD=bench-admin-pw
bin/two-instances "$db" > target/bench-instances.log 2>&1 &
cluster=$!
trap 'kill $cluster 2>/dev/null; wait $cluster 2>/dev/null || true' EXIT
until curl -sf -o /dev/null http://127.0.0.1:8080/actuator/health/readiness 2>/dev/null \
    || curl -sf -o /dev/null http://127.0.0.1:8080/login; do
  kill -0 $cluster || { tail -30 target/bench-instances.log; exit 1; }
  sleep 1
done
pid_on() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
one=$(pid_on 8081); two=$(pid_on 8082)
nginx=$(pgrep -d, -f 'nginx: (master|worker)' || true)
postgres=$(pgrep -d, -f "postgres: .*($db|walwriter|checkpointer|background writer)" || true)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.qiyue.bench.InstancesBenchmark \
  8081 8080 "$QIYUE_ADMIN_PASSWORD" "$seconds" "instance1=$one" "instance2=$two" "nginx=$nginx" "postgres=$postgres"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
