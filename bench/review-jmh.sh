#!/usr/bin/env bash
# Review engine throughput per core of issue #5 (JMH), run by hand (never by CI):
#   bench/review-jmh.sh [benchmark regexp] [JMH options]
# e.g. bench/review-jmh.sh                        all three benchmarks of io.qiyue.bench.ReviewEngineJmh
#      bench/review-jmh.sh 'hundredPages$' -f 1   one of them, one fork
#      bench/review-jmh.sh -f 1 -wi 3 -i 5 -r 3s  fewer forks and iterations, longer measurements
#      bench/review-jmh.sh -h                     every JMH option
# Compiles the test classes (the JMH annotation processor generates the harness), writes the test
# classpath to target/bench-jmh/classpath.txt and runs org.openjdk.jmh.Main with the JDK of
# JAVA_HOME (when it is 21 or newer; otherwise JAVA_HOME_21_PLUS or Temurin 25).
set -euo pipefail
cd "$(dirname "$0")/.."
modern() { "$1" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; }
if [ -z "${JAVA_HOME:-}" ] || ! modern "$JAVA_HOME/bin/java"; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
fi
export PATH="$JAVA_HOME/bin:$PATH"
work="$PWD/target/bench-jmh" && mkdir -p "$work"
mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
benchmarks='io\.qiyue\.bench\.ReviewEngineJmh\.'
if [ $# -gt 0 ] && [[ $1 != -* ]]; then
  benchmarks="$benchmarks.*$1"
  shift
fi
exec java -cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" org.openjdk.jmh.Main "$benchmarks" "$@"
