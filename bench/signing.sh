#!/usr/bin/env bash
# PDF signature throughput (issue #13), run by hand (never by CI):
#   bench/signing.sh [pages=10] [seconds=20] [threads=cores]
# Renders the sample service contract at about that many pages, then io.qiyue.bench.SigningBenchmark signs it for
# 乙方 with the seal and 骑缝章 (PAdES B-B, keys in an in-memory H2) on all threads and prints signatures per second,
# and the mean and best verification time of the contract signed by both parties.
set -euo pipefail
cd "$(dirname "$0")/.."
modern() { "$1" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! modern "$JAVA_HOME/bin/java"; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
fi
export PATH="$JAVA_HOME/bin:$PATH"
work="$PWD/target/bench-signing" && mkdir -p "$work"
if [[ ${SKIP_BUILD:-} != 1 ]]; then
  mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
fi
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" io.qiyue.bench.SigningBenchmark "$@"
