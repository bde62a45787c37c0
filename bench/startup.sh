#!/usr/bin/env bash
# Start-up time (issue #17, item 4), by hand, never by CI:
#   bench/startup.sh [runs=3] [postgres database, e.g. qiyue_start17]
# Builds the jar once (mvn -B -o -q package -DskipTests), copies it to a temporary directory, then starts it `runs`
# times each way and prints how long until GET /actuator/health answers 200 (healthy: migrated, serving) and
# until /actuator/health/readiness does (warmed: what a load balancer or orchestrator waits for; see README, *The
# first request as fast as the tenth*):
#   plain      java -jar qiyue.jar, nothing else, on an empty H2 database in a fresh temporary directory
#   qiyue      bin/qiyue on the same jar (the JDK 25 AOT cache; its one training run is timed separately)
# With a database name, both again against PostgreSQL 127.0.0.1 (user postgres, trust), e.g. one seeded with
# `bench/generate.sh 100000 10000 qiyue_start17`; the data directory (search index, key) is fresh each run there
# too, so the search index rebuilds in the background after the start. The machine's load (uptime) is printed
# with every run: on shared cores it changes the figures more than anything here.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
pgdb=${2:-}
if ! java -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_25_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
port=18170
base="http://127.0.0.1:$port"
if curl -s -o /dev/null "$base/actuator/health"; then echo "port $port is taken: stop what runs there first" >&2; exit 1; fi

mvn -B -o -q package -DskipTests
work=$(mktemp -d /tmp/qiyue-startup.XXXX)
trap 'rm -rf "$work"' EXIT
cp target/qiyue-*-SNAPSHOT.jar "$work/qiyue.jar" 2>/dev/null || cp "$(ls target/qiyue-*.jar | grep -v original | head -1)" "$work/qiyue.jar"
echo "cores: $(nproc); $(java -version 2>&1 | head -1)"

healthy_in() { # starts "$@" with a fresh data directory; prints the ms until health, then readiness, is 200
  local data log pid start ms ready
  data=$(mktemp -d "$work/data.XXXX") && log="$data/app.log"
  start=$(date +%s%N)
  QIYUE_DATA_DIR="$data" QIYUE_ADMIN_PASSWORD=bench-admin-pw PORT=$port "$@" > "$log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "$base/actuator/health"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "the application stopped, see below" >&2; tail -40 "$log" >&2; return 1; fi
    sleep 0.05
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  until curl -sf -o /dev/null "$base/actuator/health/readiness"; do sleep 0.05; done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid" && wait "$pid" 2>/dev/null || true
  rm -rf "$data"
  echo "$ms $ready"
}

series() { # label, command…: runs it `runs` times and prints each time with the load average, then the median
  local label=$1 i ms all=()
  shift
  for i in $(seq 1 "$runs"); do
    local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
    local out; out=$(healthy_in "$@") || exit 1
    read -r ms ready <<< "$out"
    all+=("$ms")
    printf '%-28s run %d: healthy in %5d ms, ready (warm) in %5d ms   (load before: %s)\n' "$label" "$i" "$ms" "$ready" "$load"
  done
  printf '%-28s median healthy in %d ms\n' "$label" "$(printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

launcher_series() { # label, env assignments…: bin/qiyue on the copied jar, trained once first
  local label=$1
  shift
  rm -rf "$work/qiyue.aot"
  local data start
  data=$(mktemp -d "$work/data.XXXX")
  start=$(date +%s%N)
  # the training run alone (bin/qiyue trains, then starts: stopped as soon as it is healthy)
  env "$@" QIYUE_JAR="$work/qiyue.jar" QIYUE_DATA_DIR="$data" QIYUE_ADMIN_PASSWORD=bench-admin-pw PORT=$port \
    bin/qiyue > "$data/first.log" 2>&1 &
  local pid=$!
  until [ -f "$work/qiyue.aot/stamp" ] || ! kill -0 "$pid" 2>/dev/null || curl -sf -o /dev/null "$base/actuator/health"; do
    sleep 0.2
  done
  [ -f "$work/qiyue.aot/stamp" ] || { echo "no AOT cache was trained, see $work/qiyue.aot/training.log" >&2; tail -20 "$work/qiyue.aot/training.log" >&2; exit 1; }
  printf '%-28s training (extract + training run): %d ms\n' "$label" $(( ($(date +%s%N) - start) / 1000000 ))
  until curl -sf -o /dev/null "$base/actuator/health" || ! kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  series "$label" env "$@" QIYUE_JAR="$work/qiyue.jar" bin/qiyue
}

series "plain java -jar, H2" java -jar "$work/qiyue.jar"
launcher_series "bin/qiyue, H2" QIYUE_AOT=on

if [ -n "$pgdb" ]; then
  echo "PostgreSQL $pgdb: $(psql -h 127.0.0.1 -U postgres -d "$pgdb" -Atc 'SELECT COUNT(*) FROM contract') contracts"
  pg=(QIYUE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$pgdb" QIYUE_DB_USER=postgres SPRING_FLYWAY_OUT_OF_ORDER=true)
  series "plain java -jar, PostgreSQL" env "${pg[@]}" java -jar "$work/qiyue.jar"
  launcher_series "bin/qiyue, PostgreSQL" "${pg[@]}"
fi
