#!/usr/bin/env bash
# Side-by-side speed benchmark of issue #17, run by hand (never by CI):
#   bench/speed.sh [contracts=10000] [clients=16]
# On one fresh PostgreSQL database on 127.0.0.1: starts Qiyue (-Xmx512m) and the anchor
# (io.qiyue.bench.AnchorServer: JDK HttpServer, virtual threads, SHA-256 token check, one JDBC query by
# primary key), seeds the contracts through Qiyue's API with N clients (creation), measures GET by id on
# both, the filtered list page, the contract page of the UI and the PDF download, then for contracts of about ten
# pages their review over HTTP (one client, then N) and their PDF (SpeedBenchmark), prints
# p50/p95/p99, throughput, the one-client review's p50 split into the engine's own time inside Qiyue (its
# qiyue.review.engine timer), a database round trip and the rest, CPU ms per request of each process and the ratio Qiyue/anchor, then heap after
# a full GC and RSS of Qiyue. SPEED_JFR=1 records a JFR profile of Qiyue to target/speed/qiyue.jfr.
# SPEED_CLIENT_OPTS="-Dspeed.gets=20000 -Dspeed.pages=1000 -Dspeed.pdfs=100 -Dspeed.freshPdfs=48 -Dspeed.reviews=200" sets the counts; SPEED_NMT=1 adds
# native memory tracking (where the RSS goes); SPEED_HEAPDUMP=1 writes a heap dump to target/speed/qiyue.hprof
# after the run (bench/heap-owners.py tells who holds what); SPEED_SKIP_BUILD=1 uses the jar and test classes already built;
# SPEED_DB names the database (default qiyue_speed); SPEED_JAR another build's jar (to compare builds in turn).
# All traffic goes to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
contracts=${1:-10000}
clients=${2:-16}
port=${BENCH_PORT:-8097}
anchor_port=${ANCHOR_PORT:-8096}
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
work="$PWD/target/speed"
db=${SPEED_DB:-qiyue_speed}
if [ "${SPEED_SKIP_BUILD:-}" != 1 ]; then mvn -B -q -o package test-compile -DskipTests; fi
rm -rf "$work" && mkdir -p "$work"
source_jar=${SPEED_JAR:-target/qiyue-0.1.0-SNAPSHOT.jar}
java -Djarmode=tools -jar "$source_jar" extract --destination "$work/app" >/dev/null
jar="$work/app/$(basename "$source_jar")"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
url="jdbc:postgresql://127.0.0.1:5432/$db"

echo "load before: $(uptime)"
jfr=()
if [ "${SPEED_JFR:-}" = 1 ]; then jfr=(-XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=filename="$work/qiyue.jfr",settings=profile,path-to-gc-roots=true); fi
if [ "${SPEED_NMT:-}" = 1 ]; then jfr+=(-XX:NativeMemoryTracking=summary); fi
QIYUE_ADMIN_PASSWORD=bench-admin-pw QIYUE_DATA_DIR="$work/data" PORT=$port QIYUE_DB_URL=$url \
  QIYUE_DB_USER=postgres QIYUE_DB_PASSWORD= java -Xmx512m "${jfr[@]}" -jar "$jar" > "$work/app.log" 2>&1 &
pid=$!
anchor_pid=
cleanup() { kill "$pid" ${anchor_pid:+"$anchor_pid"} 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 1200); do grep -q "Started QiyueApplication" "$work/app.log" && break; sleep 0.5; done
grep -o "Started QiyueApplication.*" "$work/app.log"
# the anchor starts once Flyway has made the tables; its own JVM, so that its CPU time is its own
java -Xmx256m -cp "target/test-classes:$work/app/lib/*" io.qiyue.bench.AnchorServer "$anchor_port" "$url" postgres "" \
  > "$work/anchor.log" 2>&1 &
anchor_pid=$!
for _ in $(seq 1 240); do grep -q "anchor listening" "$work/anchor.log" && break; sleep 0.5; done

java ${SPEED_CLIENT_OPTS:-} -Dspeed.jdbc="$url" -cp "target/test-classes:target/classes:$work/app/lib/*" io.qiyue.bench.SpeedBenchmark "http://127.0.0.1:$port" \
  "http://127.0.0.1:$anchor_port" bench-admin-pw "$contracts" "$clients" "$pid" "$anchor_pid"
echo "load after: $(uptime)"
jcmd "$pid" GC.run >/dev/null
sleep 3 # the C heap is trimmed within 2 s of a full collection (HeapSizing)
echo "Qiyue heap after a full GC: $(jcmd "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -1)"
echo "Qiyue resident set size: $(ps -o rss= -p "$pid" | awk '{printf "%.0f MB", $1/1024}')"
echo "Qiyue largest heap classes after the GC:"; jcmd "$pid" GC.class_histogram | sed -n 4,13p
if [ "${SPEED_HEAPDUMP:-}" = 1 ]; then jcmd "$pid" GC.heap_dump "$work/qiyue.hprof" >/dev/null; echo "heap dump: $work/qiyue.hprof"; fi
if [ "${SPEED_NMT:-}" = 1 ]; then jcmd "$pid" VM.native_memory summary | grep -E "^-|committed=" | head -40; fi
echo "anchor resident set size: $(ps -o rss= -p "$anchor_pid" | awk '{printf "%.0f MB", $1/1024}')"
if [ "${SPEED_JFR:-}" = 1 ]; then jcmd "$pid" JFR.dump filename="$work/qiyue.jfr" >/dev/null; echo "profile: $work/qiyue.jfr"; fi
