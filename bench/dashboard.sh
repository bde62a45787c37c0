#!/usr/bin/env bash
# The dashboard and its XLSX export over 100,000 contracts (issue #14), run by hand (never by CI):
#   bench/dashboard.sh [contracts=100000] [requests=200] [clients=4]
# Creates a fresh PostgreSQL database on 127.0.0.1 (user postgres), starts the application on it in-process
# (loopback only, schedules off), seeds the contracts, about a million obligations and their receipts in SQL and
# measures GET /api/v1/dashboard (admin and sales manager, with owner/team filters) and the export of ≈100,000
# overdue obligations with io.qiyue.bench.DashboardBenchmark. The database is dropped at the end (KEEP_DB=1 keeps
# it, to EXPLAIN the queries afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
contracts=${1:-100000}
requests=${2:-200}
clients=${3:-4}
db=qiyue_dashboard_bench
if ! java -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  export JAVA_HOME=${JAVA_HOME_21_PLUS:-/usr/lib/jvm/temurin-25-jdk-amd64}
  export PATH="$JAVA_HOME/bin:$PATH"
fi
work="$PWD/target/bench-dashboard" && rm -rf "$work" && mkdir -p "$work/data"
# the test class path as surefire used it (its report records it): no extra plugin needed offline
mvn -B -o -q test -Dtest=ReminderRulesTest -Dsurefire.failIfNoSpecifiedTests=false
cp=$(grep -o 'name="surefire.test.class.path" value="[^"]*"' target/surefire-reports/TEST-io.qiyue.obligation.ReminderRulesTest.xml \
  | sed 's/.*value="//; s/"$//')
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
if [ "${KEEP_DB:-}" != 1 ]; then
  trap 'psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"' EXIT
fi
echo "cores: $(nproc), load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 900 java -Xmx1g -cp "$cp" io.qiyue.bench.DashboardBenchmark "jdbc:postgresql://127.0.0.1:5432/$db" postgres \
  "$work/data" "$contracts" "$requests" "$clients"
echo "database size: $(psql -h 127.0.0.1 -U postgres -d $db -Atc "SELECT pg_size_pretty(pg_database_size('$db'))")"
