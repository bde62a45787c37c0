#!/usr/bin/env bash
# Redline benchmark of issue #10, run by hand (never by CI): bench/compare.sh [limit-seconds=60]
# Each case in its own JVM, so that the cold figure is a first call and an abandoned (never-ending)
# diff of one case does not slow the next.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-60}
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
# the test class path as surefire used it (its report records it): no extra plugin needed offline
mvn -B -o -q test -Dtest=RedlinesTest -Dsurefire.failIfNoSpecifiedTests=false
cp=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' target/surefire-reports/TEST-io.qiyue.template.RedlinesTest.xml \
  | sed 's/.*value="//; s/"$//')
for c in 1 2 3; do
  java -cp "$cp" io.qiyue.bench.CompareBenchmark "$limit" "$c"
done
