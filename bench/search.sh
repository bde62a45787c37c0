#!/usr/bin/env bash
# Search latency (issue #16), run by hand (never by CI), against a Qiyue already running on PostgreSQL:
#   bench/search.sh <base URL> <API token> <index folder> [rounds=100]
#   e.g. bench/search.sh http://127.0.0.1:8080 "$TOKEN" ./data/index 100
# - base URL: the instance, on loopback only (127.0.0.1, localhost, ::1);
# - API token: of a user who reads everything (an admin: POST /api/v1/api-tokens as admin), so that the raw
#   Lucene side, which applies no data scope, answers the same question;
# - index folder: that instance's qiyue.search.index-dir (default <QIYUE_DATA_DIR>/index); it is opened read-only
#   beside the running instance (Lucene allows readers beside the writer);
# - rounds: passes over the fixed set of 15 Chinese queries (at most 10,000), one request at a time, measured after
#   SEARCH_WARMUP_ROUNDS (default 20) passes of every side that are discarded.
# Prints p50/p95/p99/max of GET /api/v1/search?q=…&size=20 and of the same query (same analyzer, same query
# object, first 20 hits with their stored fields and the exact total) run directly on the index, interleaved in the
# same run, and their ratio. Works at any data size: the data comes from the instance (e.g. seeded by the generator).
# Wait until the instance's index is built (GET /api/v1/search/rebuild says DONE, or a search answers) first.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 3 ]; then sed -n 2,16p "$0"; exit 2; fi
base=$1; token=$2; index=$3; rounds=${4:-100}
case "$base" in
  http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
  *) echo "loopback only: $base" >&2; exit 2 ;;
esac
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
# the test class path as surefire used it (its report records it): no extra plugin needed offline
mvn -B -o -q test -Dtest=SearchRelevanceTest -Dsurefire.failIfNoSpecifiedTests=false
cp=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' target/surefire-reports/TEST-io.qiyue.search.SearchRelevanceTest.xml \
  | sed 's/.*value="//; s/"$//')
echo "cores: $(nproc), load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 1800 java -Xmx512m -Dsearch.warmupRounds="${SEARCH_WARMUP_ROUNDS:-20}" -cp "$cp" io.qiyue.search.SearchBenchmark "$base" "$token" "$index" "$rounds"
