#!/usr/bin/env bash
# The daily overdue scan and the reminder queueing over a million obligations (issue #14), run by hand (never by CI):
#   bench/obligation-scan.sh [obligations=1000000]
# Creates a fresh PostgreSQL database on 127.0.0.1 (user postgres), starts the application on it (loopback only,
# schedules off), seeds N obligations in SQL and times ObligationCalendar.runFor (the overdue scan) and
# ReminderCalendar.runFor (the reminder queueing) with io.qiyue.bench.ObligationScanBenchmark. The database is
# dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
obligations=${1:-1000000}
db=qiyue_obligation_bench
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
work="$PWD/target/bench-obligations" && rm -rf "$work" && mkdir -p "$work"
# the test class path as surefire used it (its report records it): no extra plugin needed offline
mvn -B -o -q test -Dtest=ReminderRulesTest -Dsurefire.failIfNoSpecifiedTests=false
cp=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' target/surefire-reports/TEST-io.qiyue.obligation.ReminderRulesTest.xml \
  | sed 's/.*value="//; s/"$//')
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
timeout 1800 java -Xmx1g -cp "$cp" io.qiyue.bench.ObligationScanBenchmark "jdbc:postgresql://127.0.0.1:5432/$db" postgres \
  "$work/data" "$obligations"
echo "database size: $(psql -h 127.0.0.1 -U postgres -d $db -Atc "SELECT pg_size_pretty(pg_database_size('$db'))")"
